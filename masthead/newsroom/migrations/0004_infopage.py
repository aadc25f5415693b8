import django.db.models.deletion
import masthead.newsroom.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('newsroom', '0003_author_profile'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='InfoPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('standfirst', models.TextField(blank=True)),
                ('body', wagtail.fields.StreamField([('paragraph', 0), ('subheading', 1), ('image', 4), ('pull_quote', 7), ('embed', 9), ('related_article', 12), ('gallery', 14), ('code', 16), ('link_card', 20), ('raw_html', 21)], blank=True, block_lookup={0: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ol', 'ul', 'superscript', 'subscript', 'strikethrough']}), 1: ('wagtail.blocks.CharBlock', (), {'icon': 'title', 'template': 'newsroom/blocks/subheading.html'}), 2: ('wagtail.images.blocks.ImageChooserBlock', (), {}), 3: ('wagtail.blocks.CharBlock', (), {'help_text': "Empty uses the image's own caption.", 'required': False}), 4: ('wagtail.blocks.StructBlock', [[('image', 2), ('caption', 3)]], {}), 5: ('wagtail.blocks.TextBlock', (), {}), 6: ('wagtail.blocks.CharBlock', (), {'required': False}), 7: ('wagtail.blocks.StructBlock', [[('quote', 5), ('attribution', 6)]], {}), 8: ('wagtail.embeds.blocks.EmbedBlock', (), {'help_text': 'A video, post or document address.'}), 9: ('wagtail.blocks.StructBlock', [[('url', 8), ('title', 6)]], {}), 10: ('wagtail.blocks.PageChooserBlock', (), {'page_type': ['newsroom.ArticlePage']}), 11: ('wagtail.blocks.TextBlock', (), {'help_text': "Empty uses the article's standfirst.", 'required': False}), 12: ('wagtail.blocks.StructBlock', [[('article', 10), ('excerpt', 11)]], {}), 13: ('wagtail.blocks.ListBlock', (4,), {}), 14: ('wagtail.blocks.StructBlock', [[('images', 13), ('caption', 6)]], {}), 15: ('wagtail.blocks.CharBlock', (), {'max_length': 40, 'required': False}), 16: ('wagtail.blocks.StructBlock', [[('code', 5), ('language', 15)]], {}), 17: ('wagtail.blocks.URLBlock', (), {}), 18: ('wagtail.blocks.CharBlock', (), {}), 19: ('wagtail.blocks.TextBlock', (), {'required': False}), 20: ('wagtail.blocks.StructBlock', [[('url', 17), ('title', 18), ('description', 19), ('publisher', 6)]], {}), 21: ('masthead.newsroom.blocks.RawHTMLBlock', (), {})})),
            ],
            options={
                'abstract': False,
            },
            bases=(masthead.newsroom.models.LineageMixin, 'wagtailcore.page'),
        ),
    ]

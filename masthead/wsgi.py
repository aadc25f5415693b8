import gc
import os

from django.core.wsgi import get_wsgi_application

from masthead.core.lazy_modules import prepare_web_worker

# A worker's start makes objects that live as long as it does: collecting garbage while it imports finds almost none
# (about 0.3 s of a cold start's CPU went to it), and once frozen they are left out of every later collection.
gc.disable()
prepare_web_worker()  # before Django's setup imports the libraries that import what it defers
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings")
application = get_wsgi_application()
gc.freeze()
gc.enable()

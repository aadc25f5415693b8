import os

from django.core.wsgi import get_wsgi_application

from masthead.core.lazy_modules import prepare_web_worker

prepare_web_worker()  # before Django's setup imports the libraries that import what it defers
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings")
application = get_wsgi_application()

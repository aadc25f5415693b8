"""Site-wide middleware: requests no page can answer are refused before any view or query sees them."""

from masthead.core.errors import bad_request


class RejectNulBytesMiddleware:
    """A NUL byte in the address is a 400: PostgreSQL refuses it in any query, and no page has one in its URL.

    (Form fields are already covered: Django's form fields refuse NUL themselves.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path_info or "%00" in query or "\x00" in query:
            return bad_request(request)
        return self.get_response(request)

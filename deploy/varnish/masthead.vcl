# Varnish 7 in front of Masthead's web nodes (masthead/caching/README.md explains the policy).
# `make prod` renders this file with the nodes' ports (@WEB1_PORT@, @WEB2_PORT@); for your servers, edit the
# backends and the purgers ACL.
vcl 4.1;

import directors;
import std;

probe ready {
    .url = "/robots.txt";
    .interval = 3s;
    .timeout = 5s;  # a busy node is slow, not dead
    .window = 5;
    .threshold = 2;
    .initial = 2;  # healthy from the start
}

backend web1 { .host = "127.0.0.1"; .port = "@WEB1_PORT@"; .probe = ready; .first_byte_timeout = 30s; }
backend web2 { .host = "127.0.0.1"; .port = "@WEB2_PORT@"; .probe = ready; .first_byte_timeout = 30s; }

# Who may PURGE: the web nodes and workers (Wagtail's frontend_cache sends the purges).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new nodes = directors.round_robin();
    nodes.add_backend(web1);
    nodes.add_backend(web2);
}

sub vcl_recv {
    set req.backend_hint = nodes.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);  # every variant (encodings) of this host and address
    }

    # One cached copy per encoding the app can send (brotli, gzip, none), not per browser's header.
    if (req.http.Accept-Encoding ~ "\bbr\b" && req.http.Accept-Encoding !~ "\bbr\s*;\s*q\s*=\s*0(\.0*)?\b") {
        set req.http.Accept-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "\bgzip\b") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }

    # Editors (a session) and the admin go straight to the app, always.
    if (req.url ~ "^/admin(/|$)" || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Reader pages never depend on a cookie; dropping them lets every reader share one copy.
    unset req.http.Cookie;

    # While a node answers, serve a stale copy only within stale-while-revalidate; when none does, up to
    # stale-if-error (the object's grace, set below).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 30s;
    }
    return (hash);
}

sub vcl_backend_response {
    # Keep stale copies for stale-if-error; vcl_recv limits their use while the nodes are healthy.
    if (beresp.http.Cache-Control ~ "stale-if-error=\d+") {
        set beresp.grace = std.duration(regsub(beresp.http.Cache-Control, ".*stale-if-error=(\d+).*", "\1") + "s", 30s);
    }
    # A response that allows no stale copy (a live page's poll: max-age=2) is never served past its max-age, not
    # even by the default grace: a poll answered stale would break "a new entry reaches open pages within 15 s".
    if (beresp.http.Cache-Control !~ "stale-(while-revalidate|if-error)=") {
        set beresp.grace = 0s;
    }
    # A failing background refresh keeps the stale copy instead of replacing it with an error.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # Everything else (no-store, private, Set-Cookie => never stored) is Varnish's built-in logic.
}

sub vcl_backend_error {
    if (bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

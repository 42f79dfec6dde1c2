"""What the benchmarks' clients share: HTTP calls that keep the session cookie and do not follow
redirects, and a seller signed up on a running vendly-server with a sandbox account connected through
the Meta dialog (over HTTP, as a browser would)."""
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

BENCH_USER = "10000000000000006"  # the sandbox's bench seller
BENCH_IG = "17841400000000106"  # their 1,000-post Instagram account


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def new_opener():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect)


def call(opener, method, url, body=None, form=None):
    """(status, headers, body bytes); a JSON `body` or a urlencoded `form`."""
    data, headers = None, {}
    if body is not None:
        data, headers = json.dumps(body).encode(), {"Content-Type": "application/json"}
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with opener.open(req, timeout=60) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def connected_seller(opener, server, sandbox, user=BENCH_USER, email_prefix="bench"):
    """Signs a new seller up on `server` (the session stays in `opener`) and connects `user`'s
    Instagram account: auth URL, the sandbox's dialog, Continue, the callback."""
    email = f"{email_prefix}-{int(time.time() * 1000)}@example.com"
    status, _, body = call(opener, "POST", server + "/api/auth/signup",
                           {"email": email, "password": "bench-password", "storeName": "Bench Shop",
                            "currency": "KES"})
    assert status == 201, body
    status, _, body = call(opener, "GET", server + "/api/instagram/auth/url")
    auth_url = json.loads(body)["authUrl"]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(auth_url).query)
    form = {k: query[k][0] for k in ("client_id", "redirect_uri", "state", "scope", "response_type")}
    form.update(user_id=user, decision="continue")
    version = urllib.parse.urlsplit(auth_url).path.split("/")[1]
    status, headers, body = call(opener, "POST", f"{sandbox}/{version}/dialog/oauth/confirm", form=form)
    assert status == 302, body
    status, headers, body = call(opener, "GET", headers["Location"].split("#")[0])
    assert status == 302 and "connected=1" in headers["Location"], (status, headers.get("Location"), body)

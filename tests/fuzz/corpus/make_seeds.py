#!/usr/bin/env python3
"""Writes the committed seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/), one small
file per seed named by its content's SHA-1, from the examples below. Run it again after editing
them; scripts/fuzz FUZZ_MERGE=1 adds what a long run found. Parts of one input are separated by a
0xFF byte, as each target's header comment describes."""
import hashlib, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEP = b"\xff"


def j(v):
    return json.dumps(v, separators=(",", ":")).encode()


def comment(field="comments", value=None):
    return {"field": field, "value": value or {"id": "17865799348089039", "text": "bei gani?",
                                               "from": {"id": "232323", "username": "buyer"},
                                               "media": {"id": "17895695668004550"}}}


WEBHOOK = [
    j({"object": "instagram", "entry": [{"id": "17841400000000001", "time": 1765000000,
                                         "changes": [comment()]}]}),
    j({"object": "instagram", "entry": [{"id": "17841400000000001", "time": 1765000000,
                                         "changes": [comment("mentions", {"media_id": "1789"}),
                                                     comment("story_insights", {"reach": 3})]}]}),
    j({"object": "instagram", "entry": [{"id": "17841400000000001", "time": 1765000000,
                                         "messaging": [{"sender": {"id": "1"}, "message": {"text": "hi"}},
                                                       {"read": {"mid": "m1"}}]}]}),
    j({"object": "instagram", "entry": [{"id": 17841400000000001, "changes": "x"}, 5,
                                        {"changes": [{"value": 1}, {"field": 7}]}]}),
    j({"object": "page", "entry": [{"id": "1", "time": 1, "changes": [comment("feed")]}]}),
    j({"object": "instagram", "entry": {}}),
    b'{"object":"instagram","entry":[' + b"[" * 70 + b"]" * 70 + b"]}",
    j({"object": "instagram", "entry": [{"id": "1", "changes": [comment()]}]}) + SEP + b"sha256=" + b"0" * 64,
]

MEDIA_PAGE = {"data": [
    {"id": "17895695668004550", "caption": "Sneakers size 40-44 KES 2,500 DM to order",
     "media_type": "IMAGE", "media_url": "https://scontent.cdninstagram.com/v/t51/1.jpg",
     "permalink": "https://www.instagram.com/p/ABC/", "timestamp": "2026-11-20T08:15:30+0000"},
    {"id": "17895695668004551", "caption": "Dress 1500/=", "media_type": "CAROUSEL_ALBUM",
     "timestamp": "2026-11-19T10:00:00Z",
     "children": {"data": [{"id": "1", "media_type": "IMAGE", "media_url": "https://x/1.jpg"},
                           {"id": "2", "media_type": "VIDEO", "thumbnail_url": "https://x/2.jpg"}]}}],
    "paging": {"cursors": {"before": "a", "after": "b"},
               "next": "https://graph.facebook.com/v25.0/1784/media?after=b&limit=25"}}
APP_USAGE = j({"call_count": 28, "total_time": 25, "total_cputime": 25})
BUC_USAGE = j({"17841400000000001": [{"type": "instagram", "call_count": 100, "total_cputime": 10,
                                      "total_time": 10, "estimated_time_to_regain_access": 7}]})
GRAPH = [
    j(MEDIA_PAGE) + SEP + APP_USAGE + SEP + BUC_USAGE + SEP + b"200",
    j({"error": {"message": "Error validating access token", "type": "OAuthException", "code": 190,
                 "error_subcode": 460, "fbtrace_id": "AbC"}}) + SEP + SEP + SEP + b"400",
    j({"error": {"message": "Application request limit reached", "code": 4, "is_transient": True}})
    + SEP + APP_USAGE + SEP + SEP + b"403",
    j({"error": {"code": "17", "error_subcode": "2446079"}}) + SEP + j({"call_count": "99"}) + SEP + SEP + b"429",
    j({"access_token": "EAAB...", "token_type": "bearer", "expires_in": 5183944}),
    j({"data": [{"permission": "instagram_basic", "status": "granted"},
                {"permission": "pages_show_list", "status": "declined"}]}),
    j({"data": [], "paging": {"next": "not a url"}}),
    b"<html>502 Bad Gateway</html>" + SEP + b"{" + SEP + b"[]" + SEP + b"502",
]


def signed_payload(v):
    return j(v)


SIGNED = [
    signed_payload({"algorithm": "HMAC-SHA256", "expires": 1765000000, "issued_at": 1764990000,
                    "user_id": "10160000000000001"}),
    signed_payload({"algorithm": "hmac-sha256", "user_id": 10160000000000001}),
    signed_payload({"algorithm": "HMAC-SHA1", "user_id": "1"}),
    signed_payload({"algorithm": "HMAC-SHA256"}),
    b"c2lnbmF0dXJl.eyJhbGdvcml0aG0iOiJITUFDLVNIQTI1NiIsInVzZXJfaWQiOiIxIn0",
]

BODIES = [
    j({"email": "seller@shop.example", "password": "long-enough-password", "storeName": "Mama Shop",
       "currency": "KES"}),
    j({"email": "seller@shop.example", "password": "x"}),
    j({"name": "Duka", "currency": "UGX", "autoApprove": True, "autoApproveThreshold": 0.9}),
    j({"limit": 50, "includeVideos": False, "includeCarousels": True, "since": "2026-05-01"}),
    j({"limit": 1e300, "since": "2026-11-20T08:15:30+0000"}),
    j({"reason": "not a product"}),
    j({"draftIds": ["a", "b", "a"]}),
    j({"choice": "value", "value": 2500}),
    j({"choice": "instagram"}),
    j({"name": "Sneakers", "price": 2600, "currency": "KES", "sizes": ["40", "41"],
       "colors": ["black"], "category": "shoes"}) + SEP + b"application/json" + SEP + j({"price": 2500}),
    b"--x\r\nContent-Disposition: form-data\r\n" + SEP + b"multipart/form-data; boundary=x",
    b'{"name":"\xc3\x28"}',
]

HEADS = [
    b"POST /api/drafts/1/approve HTTP/1.1\r\nHost: api.example\r\nContent-Type: application/json\r\n"
    b"Content-Length: 2\r\nCookie: vendly_session=abc\r\n\r\n{}" + SEP + b"https://shop.example"
    + SEP + b"application/json; charset=utf-8" + SEP + b"same-origin",
    b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\n\r\n",
    b"POST /api/auth/login HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
    b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + SEP + b"HTTPS://Shop.Example:443/x",
    b"PATCH /x HTTP/1.0\n\n" + SEP + b"http://[::1]:8080" + SEP + b"text/plain" + SEP + b"cross-site",
    b"\r\n\r\nPOST /x HTTP/1.1\r\nContent-Length: 1, 1\r\n\r\n" + SEP + b"null",
]

DRAFT = [
    j({"name": "Sneakers", "price": 2500, "currency": "KES", "sizes": ["40-44"], "colors": ["Black"]}),
    j({"name": "Dress", "price": None}) + SEP + j({"price": 1500, "sizes": ["M"]}) + SEP + j({"items": []}),
]
EXTRACT = [b"Sneakers size 40-44 KES 2,500 DM to order", b"Viatu 2k tu! Rangi nyeusi na nyeupe",
           b"Dress was 3000 now 1500/=", b"\xf0\x9f\x94\xa5\xf0\x9f\x94\xa5 SALE"]
PRICE = [b"KES 2,500", b"2.5k", b"elfu mbili", b"1500/=", b"$12.99", b"UGX 45,000",
         b"2.500,00\0TZS\0,"]
READER = EXTRACT + [j({"id": "1", "caption": "Sneakers KES 2,500", "store_currency": "KES",
                       "media_type": "IMAGE"}), b'{"id":1e400,"caption":"\\ud83d\\ude00"}']

TARGETS = {"webhook_fuzz": WEBHOOK, "graph_fuzz": GRAPH, "signed_request_fuzz": SIGNED,
           "request_body_fuzz": BODIES, "http_head_fuzz": HEADS, "draft_fuzz": DRAFT,
           "extract_fuzz": EXTRACT, "reader_fuzz": READER, "price_fuzz": PRICE}

for target, seeds in TARGETS.items():
    d = os.path.join(HERE, target)
    os.makedirs(d, exist_ok=True)
    for seed in seeds:
        with open(os.path.join(d, hashlib.sha1(seed).hexdigest()), "wb") as f:
            f.write(seed)
print("wrote", sum(len(s) for s in TARGETS.values()), "seeds for", len(TARGETS), "targets")

"""Deterministic synthetic raw capture for `heapgen sample`.

`write_sample` simulates a web shop (``shop.example.com`` and ``blog.example.com``),
its iOS and Android apps and its backend, and writes what their trackers would have
captured as JSONL files in the raw contract (`raw_contract.EVENTS`, `IDENTIFIES`,
`USER_PROPERTIES`): ``events.jsonl``, ``identifies.jsonl``, ``user_properties.jsonl``.

The same ``(users, days, seed)`` always gives byte-identical files: all randomness comes
from one ``random.Random(seed)``, time starts at a fixed date, and nothing reads the
clock. Rows are streamed person by person, so memory stays flat at any size.

What the data exercises:

* every session starts with a ``session`` event carrying all session-level fields of its
  library; the session's other events leave them out;
* web ``view page`` / ``click`` / ``submit`` / ``change`` with hierarchies written
  ``tag#id.class1.class2[attr=value]`` root first, joined by `` > `` (class order differs
  between the desktop and mobile layouts); iOS ``view screen`` / ``touch`` /
  ``edit field`` / ``swipe``; Android ``view screen`` / ``touch``; custom ``track()``
  events; server-side events without a session;
* identities: sign-ups and log-ins write ``identifies``; about 10% of identified people
  log in on a second device later (another user_id, the same identity: a migration);
* user properties of every JSON type, a key with a space and capitals
  (``Account Status``) and keys later set to JSON null;
* at-least-once delivery: ~0.3% of events are written twice (same content, a later
  ``loaded_at``); ~0.5% of events and identifies land days late.

Numbers in custom properties: web ``track()`` calls serialise like ``JSON.stringify``,
so a whole price is written as an integer (``20``) and others as doubles (``89.99``);
iOS, Android and server events always write doubles (``20.0``). A property such as
``price`` therefore mixes JSON integers and doubles on purpose.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from heapgen import raw_contract

START = datetime(2026, 1, 5, tzinfo=UTC)
"""Fixed start of the simulated window (a Monday); events fall in [START, START + days)."""

EVENTS_FILE = f"{raw_contract.EVENTS.name}.jsonl"
IDENTIFIES_FILE = f"{raw_contract.IDENTIFIES.name}.jsonl"
USER_PROPERTIES_FILE = f"{raw_contract.USER_PROPERTIES.name}.jsonl"

LATE_RATE = 0.005  # events and identifies whose loaded_at is more than a day after time
DUPLICATE_RATE = 0.003  # events delivered twice
SECOND_DEVICE_RATE = 0.10  # identified people who later log in on another device

SEC = 1_000
MIN = 60 * SEC
HOUR = 60 * MIN
DAY = 24 * HOUR

_FLUSH_BYTES = 4 << 20  # write the events buffer every ~4 MB (~10k rows)
_LINE = orjson.OPT_APPEND_NEWLINE


@dataclass
class SampleStats:
    """Row counts of one `write_sample` run (each equals what the files hold)."""

    events: int = 0  # rows in events.jsonl, duplicates included
    sessions: int = 0  # `session` events (distinct sessions)
    users: int = 0  # distinct user_ids in events.jsonl
    identifies: int = 0  # rows in identifies.jsonl
    user_properties: int = 0  # rows in user_properties.jsonl
    duplicates: int = 0  # extra copies of an event_id already written
    late: int = 0  # event rows with loaded_at more than a day after time
    late_identifies: int = 0  # identifies rows with loaded_at more than a day after time


def write_sample(
    out_dir: Path, users: int, days: int, seed: int, progress: Callable[[int], None] | None = None
) -> SampleStats:
    """Write events.jsonl, identifies.jsonl and user_properties.jsonl into `out_dir`.

    `users` people are simulated over `days` days from `START`; about 100 event rows per
    person over 30 days (10,000 people and 30 days give about 1M events). `progress`, when
    given, is called now and then with the number of event rows written so far. The
    files are overwritten; the same arguments always give the same bytes.
    """
    if users < 0:
        raise SampleError(f"--users must be 0 or more (got {users})")
    if days < 1:
        raise SampleError(f"--days must be 1 or more (got {days})")
    return _Sampler(Path(out_dir), users, days, seed, progress).run()


def write_converted_sample(
    out_dir: Path,
    users: int,
    days: int,
    seed: int,
    progress: Callable[[int], None] | None,
    convert: Callable[[Path], Iterator[dict[str, Any]]],
) -> SampleStats:
    """Write `out_dir/events.jsonl`: the activity `write_sample` writes for these arguments,
    each row of `convert(raw_dir)` (a tracker's format: heapgen.posthog_sample,
    heapgen.snowplow_sample) a line."""
    import json
    import tempfile

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as raw:
        stats = write_sample(Path(raw), users, days, seed, progress)
        with (out_dir / "events.jsonl").open("w") as out:
            for row in convert(Path(raw)):
                out.write(json.dumps(row, separators=(",", ":")) + "\n")
    return stats


def session_rows(raw_dir: Path) -> dict[int, dict[str, Any]]:
    """The `session` events of the raw capture in `raw_dir`, by session_id: the fields a
    tracker without session events sends with each event of the session."""
    return {
        row["session_id"]: row
        for row in raw_rows(raw_dir / "events.jsonl")
        if row["type"] == "session" and not row.get("is_custom")
    }


def raw_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a JSONL file of raw capture."""
    with path.open() as lines:
        for line in lines:
            if line.strip():
                yield orjson.loads(line)


class SampleError(ValueError):
    """Arguments no sample can be written for; nothing was written."""


# --------------------------------------------------------------------------------------
# Static world: catalogue, site, apps, traffic. Nothing here depends on the seed.
# --------------------------------------------------------------------------------------

SHOP = "shop.example.com"
BLOG = "blog.example.com"
APP_NAME = "Example Shop"

# (product_id, slug, name, category, price, popularity weight)
PRODUCTS: tuple[tuple[int, str, str, str, float, int], ...] = (
    (1001, "trail-runner-2", "Trail Runner 2", "Shoes", 89.99, 40),
    (1002, "city-sneaker", "City Sneaker", "Shoes", 75.0, 30),
    (1003, "merino-crew-socks", "Merino Crew Socks", "Socks", 20.0, 35),
    (1004, "everyday-backpack-20l", "Everyday Backpack 20L", "Bags", 120.0, 28),
    (1005, "rain-shell-jacket", "Rain Shell Jacket", "Jackets", 149.5, 22),
    (1006, "insulated-bottle-750", "Insulated Bottle 750ml", "Accessories", 32.95, 25),
    (1007, "wool-beanie", "Wool Beanie", "Accessories", 24.0, 18),
    (1008, "yoga-mat-pro", "Yoga Mat Pro", "Fitness", 68.0, 14),
    (1009, "running-shorts-5in", "Running Shorts 5in", "Apparel", 45.0, 20),
    (1010, "thermal-base-layer", "Thermal Base Layer", "Apparel", 59.99, 16),
    (1011, "hiking-boot-mid", "Hiking Boot Mid", "Shoes", 179.0, 15),
    (1012, "packable-down-vest", "Packable Down Vest", "Jackets", 129.99, 12),
    (1013, "ankle-socks-3-pack", "Ankle Socks 3-Pack", "Socks", 18.5, 14),
    (1014, "duffel-40l", "Duffel 40L", "Bags", 99.0, 9),
    (1015, "fleece-hoodie", "Fleece Hoodie", "Apparel", 79.0, 17),
    (1016, "trail-gaiters", "Trail Gaiters", "Accessories", 29.99, 6),
    (1017, "sling-bag", "Sling Bag", "Bags", 55.0, 10),
    (1018, "gift-card-50", "Gift Card $50", "Gift Cards", 50.0, 8),
    (1019, "compression-sleeves", "Compression Sleeves", "Fitness", 34.99, 7),
    (1020, "recovery-slide", "Recovery Slide", "Shoes", 49.99, 11),
    (1021, "windbreaker-packable", "Packable Windbreaker", "Jackets", 95.0, 9),
    (1022, "resistance-bands-set", "Resistance Bands Set", "Fitness", 27.5, 6),
    (1023, "reflective-vest", "Reflective Running Vest", "Apparel", 39.0, 5),
    (1024, "trail-runner-2-gtx", "Trail Runner 2 GTX", "Shoes", 139.99, 13),
)
COLORS = ("BLK", "NVY", "GRY", "RED", "OLV", "WHT")
CATEGORIES = ("shoes", "socks", "bags", "jackets", "apparel", "accessories", "fitness")
SORTS = ("?sort=price_asc", "?sort=price_desc", "?sort=newest", "?sort=popular&page=2")

# (query, results)
SEARCHES: tuple[tuple[str, int], ...] = (
    ("running shoes", 14),
    ("trail runner", 3),
    ("socks", 6),
    ("backpack", 4),
    ("rain jacket", 2),
    ("merino", 3),
    ("gift card", 1),
    ("yoga mat", 1),
    ("water bottle", 2),
    ("hoodie", 2),
    ("waterproof", 5),
    ("kayak", 0),
    ("beanie", 1),
    ("boots", 2),
    ("sale", 9),
    ("vest", 2),
    ("gtx", 1),
    ("tent", 0),
)

# (slug, title, video_id or None)
BLOG_POSTS: tuple[tuple[str, str, str | None], ...] = (
    ("how-to-choose-trail-shoes", "How to choose trail running shoes", "v-2041"),
    ("winter-layering-guide", "The winter layering guide", None),
    ("merino-vs-synthetic", "Merino vs synthetic: what to wear", "v-2057"),
    ("packing-list-weekend-hike", "Packing list for a weekend hike", None),
    ("caring-for-your-rain-shell", "Caring for your rain shell", "v-2063"),
    ("marathon-training-week-1", "Marathon training, week 1", None),
    ("behind-the-design-trail-runner-2", "Behind the design: Trail Runner 2", "v-2090"),
    ("ten-minute-mobility-routine", "A ten-minute mobility routine", "v-2102"),
)

# (country, region, city, weight)
GEOS: tuple[tuple[str, str, str, int], ...] = (
    ("United States", "California", "San Francisco", 9),
    ("United States", "California", "Los Angeles", 8),
    ("United States", "New York", "New York", 10),
    ("United States", "Texas", "Austin", 5),
    ("United States", "Texas", "Houston", 4),
    ("United States", "Washington", "Seattle", 5),
    ("United States", "Illinois", "Chicago", 5),
    ("United States", "Massachusetts", "Boston", 4),
    ("United States", "Colorado", "Denver", 4),
    ("United States", "Georgia", "Atlanta", 3),
    ("Canada", "Ontario", "Toronto", 5),
    ("Canada", "British Columbia", "Vancouver", 3),
    ("Canada", "Quebec", "Montréal", 2),
    ("United Kingdom", "England", "London", 7),
    ("United Kingdom", "England", "Manchester", 2),
    ("United Kingdom", "Scotland", "Edinburgh", 1),
    ("Germany", "Berlin", "Berlin", 3),
    ("Germany", "Bavaria", "Munich", 2),
    ("France", "Île-de-France", "Paris", 3),
    ("Netherlands", "North Holland", "Amsterdam", 2),
    ("Australia", "New South Wales", "Sydney", 3),
    ("Australia", "Victoria", "Melbourne", 2),
    ("Japan", "Tokyo", "Tokyo", 2),
    ("Brazil", "São Paulo", "São Paulo", 2),
    ("India", "Karnataka", "Bengaluru", 2),
)

# web: (device_type, platform, browser, weight)
WEB_AGENTS: tuple[tuple[str, str, str, int], ...] = (
    ("Desktop", "Mac OS X", "Chrome", 18),
    ("Desktop", "Mac OS X", "Safari", 9),
    ("Desktop", "Windows 10", "Chrome", 12),
    ("Desktop", "Windows 11", "Chrome", 10),
    ("Desktop", "Windows 11", "Edge", 6),
    ("Desktop", "Windows 10", "Firefox", 3),
    ("Desktop", "Linux", "Firefox", 2),
    ("Desktop", "Chrome OS", "Chrome", 1),
    ("Mobile", "iOS 17.2", "Mobile Safari", 12),
    ("Mobile", "iOS 17.4", "Mobile Safari", 8),
    ("Mobile", "iOS 17.4", "Chrome Mobile iOS", 2),
    ("Mobile", "Android 14", "Chrome Mobile", 9),
    ("Mobile", "Android 13", "Samsung Internet", 3),
    ("Tablet", "iOS 17.2", "Mobile Safari", 3),
    ("Tablet", "Android 13", "Chrome", 1),
)

# iOS: (device_type, device, weight)
IOS_DEVICES: tuple[tuple[str, str, int], ...] = (
    ("Mobile", "iPhone15,2", 10),
    ("Mobile", "iPhone15,3", 6),
    ("Mobile", "iPhone16,1", 7),
    ("Mobile", "iPhone16,2", 5),
    ("Mobile", "iPhone14,5", 8),
    ("Mobile", "iPhone14,7", 4),
    ("Mobile", "iPhone13,2", 3),
    ("Tablet", "iPad13,18", 2),
    ("Tablet", "iPad14,3", 1),
)
IOS_VERSIONS = (
    "iOS 17.0",
    "iOS 17.1",
    "iOS 17.2",
    "iOS 17.2",
    "iOS 17.3",
    "iOS 17.4",
    "iOS 17.4",
    "iOS 17.5",
)
CARRIERS = ("AT&T", "Verizon", "T-Mobile", "Vodafone", "EE", "Telekom.de", "Rogers", "Orange")

# Android: (heap_device, platform, weight)
ANDROID_DEVICES: tuple[tuple[str, str, int], ...] = (
    ("Google Pixel 8", "Android 14", 6),
    ("Google Pixel 7a", "Android 14", 4),
    ("samsung SM-S911B", "Android 14", 7),
    ("samsung SM-A546B", "Android 13", 6),
    ("OnePlus CPH2449", "Android 13", 2),
    ("motorola moto g54 5G", "Android 13", 2),
    ("Xiaomi 2201117TG", "Android 12", 2),
    ("samsung SM-X700", "Android 13", 1),
)

# App releases: (version, day of release relative to START); devices update after a lag.
APP_RELEASES = (("4.11.2", -40), ("4.12.0", 6), ("4.12.1", 13), ("4.13.0", 24), ("4.14.0", 45))

MAIL_DOMAINS = (
    "gmail.com",
    "gmail.com",
    "gmail.com",
    "outlook.com",
    "icloud.com",
    "yahoo.com",
    "proton.me",
    "acme-corp.com",
    "globex.io",
    "initech.com",
)
FIRST_NAMES = (
    "maria",
    "james",
    "li",
    "sofia",
    "noah",
    "emma",
    "lucas",
    "olivia",
    "mateo",
    "ava",
    "arjun",
    "mia",
    "yuki",
    "leon",
    "chloe",
    "omar",
    "hannah",
    "diego",
    "zoe",
    "ethan",
    "amara",
    "finn",
    "ines",
    "kai",
    "nora",
    "samuel",
    "aisha",
    "jonas",
    "lea",
    "ravi",
)
LAST_NAMES = (
    "garcia",
    "smith",
    "chen",
    "rossi",
    "muller",
    "johnson",
    "silva",
    "brown",
    "kim",
    "martin",
    "patel",
    "nguyen",
    "tanaka",
    "dubois",
    "okafor",
    "novak",
    "schmidt",
    "lopez",
    "wilson",
    "jensen",
    "haddad",
    "kowalski",
    "murphy",
    "costa",
    "singh",
)

PLANS = ("free", "pro", "team")
PAY_PROVIDERS = ("stripe", "stripe", "stripe", "paypal", "adyen")
COUPONS = ("WELCOME10", "WINTER26", "FREESHIP")
SHIPPING = ("standard", "standard", "express", "pickup")

# --------------------------------------------------------------------------------------
# Web pages. A page context is the event-level fields every web event on it carries.
# --------------------------------------------------------------------------------------

_STATIC_PAGES = {
    "home": (SHOP, "/", "Example Shop | Everyday gear, delivered"),
    "products": (SHOP, "/products", "All products | Example Shop"),
    "cart": (SHOP, "/cart", "Your cart | Example Shop"),
    "checkout": (SHOP, "/checkout", "Checkout | Example Shop"),
    "pricing": (SHOP, "/pricing", "Membership plans | Example Shop"),
    "signup": (SHOP, "/signup", "Create your account | Example Shop"),
    "login": (SHOP, "/login", "Log in | Example Shop"),
    "account": (SHOP, "/account", "Your account | Example Shop"),
    "blog": (BLOG, "/blog", "The Example Shop Journal"),
}

# Hierarchy prefixes. The mobile web layout writes some classes in another order.
_MAIN = "body > div#app > main#content"
_BLOG_MAIN = "body.blog > div#blog-root > main#content"
_NAV = (
    "body > div#app > header.site-header > nav.top.nav",
    "body > div#app > header.site-header.is-mobile > div.drawer.nav[data-state=open]",
)
_SEARCH_FORM = (
    "body > div#app > header.site-header > form#search.search-form[action=/search][role=search]",
    "body > div#app > header.is-mobile.site-header > form#search.search-form"
    "[role=search][action=/search]",
)

# Static web elements: key -> ((desktop hierarchy, mobile hierarchy), target_text, href).
_WEB_ELEMENTS: dict[str, tuple[tuple[str, str], str | None, str | None]] = {}


def _web_el(key: str, desktop: str, mobile: str | None, text: str | None, href: str | None) -> None:
    _WEB_ELEMENTS[key] = ((desktop, mobile or desktop), text, href)


for _k, _el, _el_m, _text, _href in (
    ("nav_logo", "a.logo[href=/]", None, "Example Shop", "/"),
    (
        "nav_shop",
        "a.nav-link[href=/products]",
        "a.nav-link.drawer__link[href=/products]",
        "Shop",
        "/products",
    ),
    (
        "nav_pricing",
        "a.nav-link[href=/pricing]",
        "a.drawer__link.nav-link[href=/pricing]",
        "Membership",
        "/pricing",
    ),
    (
        "nav_blog",
        "a.nav-link.external[href=https://blog.example.com/blog]",
        "a.drawer__link.nav-link.external[href=https://blog.example.com/blog]",
        "Journal",
        "https://blog.example.com/blog",
    ),
    (
        "nav_login",
        "a#login.nav-link[href=/login]",
        "a#login.drawer__link[href=/login]",
        "Log in",
        "/login",
    ),
    (
        "nav_signup",
        "a#signup.cta.primary[href=/signup]",
        "a#signup.primary.cta[href=/signup]",
        "Sign up",
        "/signup",
    ),
    (
        "nav_cart",
        "a#cart-link.cart-icon[data-testid=cart-link][href=/cart]",
        "a#cart-link.icon.cart-icon[data-testid=cart-link][href=/cart]",
        "Cart",
        "/cart",
    ),
    (
        "nav_account",
        "a#account-link.nav-link.avatar[href=/account]",
        "a#account-link.avatar.drawer__link[href=/account]",
        "Account",
        "/account",
    ),
):
    _web_el(_k, f"{_NAV[0]} > {_el}", f"{_NAV[1]} > {_el_m or _el}", _text, _href)

_web_el(
    "search_input",
    f"{_SEARCH_FORM[0]} > input#q.search-input[name=q][type=search]",
    f"{_SEARCH_FORM[1]} > input#q.search-input[type=search][name=q]",
    None,
    None,
)
_web_el(
    "search_submit",
    f"{_SEARCH_FORM[0]} > button.search-submit.icon-btn[type=submit]",
    f"{_SEARCH_FORM[1]} > button.icon-btn.search-submit[type=submit]",
    "Search",
    None,
)
_web_el("search_form", _SEARCH_FORM[0], _SEARCH_FORM[1], None, None)
_web_el(
    "hero_cta",
    f"{_MAIN} > section.hero > div.hero__inner > a.btn.btn-primary.hero-cta[href=/products]",
    f"{_MAIN} > section.hero.hero--compact > a.btn-primary.btn.hero-cta[href=/products]",
    "Shop the winter sale",
    "/products",
)
_web_el(
    "sort_select",
    f"{_MAIN} > div.catalog > div.toolbar > select#sort.filter-select[name=sort]",
    None,
    None,
    None,
)
_web_el(
    "qty",
    f"{_MAIN} > div.product > div.product__buy > input#qty.qty-input"
    "[name=quantity][type=number][min=1]",
    f"{_MAIN} > div.product > div.sticky-buy.is-mobile > input#qty.qty-input"
    "[type=number][name=quantity][min=1]",
    None,
    None,
)
_web_el(
    "add_to_cart",
    f"{_MAIN} > div.product > div.product__buy > "
    "button#add-to-cart.btn.btn-primary[data-testid=add-to-cart][type=button]",
    f"{_MAIN} > div.product > div.sticky-buy.is-mobile > "
    "button#add-to-cart.btn-primary.btn[type=button][data-testid=add-to-cart]",
    "Add to cart",
    None,
)
_web_el(
    "reviews_link",
    f"{_MAIN} > div.product > div.product__summary > a.reviews-link.link[href=#reviews]",
    None,
    "Reviews",
    "#reviews",
)
_web_el(
    "play_video",
    f"{_MAIN} > div.product > div.gallery > div.video-embed > "
    "button.video-embed__play[aria-label=Play][type=button]",
    None,
    None,
    None,
)
_web_el(
    "cart_checkout",
    f"{_MAIN} > section.cart > div.cart__summary > "
    "a#checkout.btn.btn-primary.checkout-btn[href=/checkout]",
    f"{_MAIN} > section.cart > div.cart__summary.is-sticky > "
    "a#checkout.checkout-btn.btn.btn-primary[href=/checkout]",
    "Checkout",
    "/checkout",
)
_web_el(
    "cart_remove",
    f"{_MAIN} > section.cart > ul.cart__items > li.cart-item > "
    "button.cart-item__remove.link[data-testid=remove-item][type=button]",
    None,
    "Remove",
    None,
)
_web_el(
    "continue_shopping",
    f"{_MAIN} > section.confirmation > a.link.continue[href=/products]",
    None,
    "Continue shopping",
    "/products",
)
_CHECKOUT_FORM = f"{_MAIN} > form#checkout-form.checkout[action=/checkout/confirm][method=post]"
_web_el("checkout_form", _CHECKOUT_FORM, None, None, None)
_web_el(
    "co_email",
    f"{_CHECKOUT_FORM} > fieldset.contact > "
    "input#co-email.field__input[name=email][type=email][autocomplete=email]",
    None,
    None,
    None,
)
_web_el(
    "co_name",
    f"{_CHECKOUT_FORM} > fieldset.shipping > "
    "input#co-name.field__input[name=name][autocomplete=name]",
    None,
    None,
    None,
)
_web_el(
    "co_address",
    f"{_CHECKOUT_FORM} > fieldset.shipping > "
    "input#co-address.field__input[name=address][autocomplete=street-address]",
    None,
    None,
    None,
)
_web_el(
    "co_shipping",
    f"{_CHECKOUT_FORM} > fieldset.shipping > select#co-shipping.field__select[name=shipping]",
    None,
    None,
    None,
)
_web_el(
    "co_card",
    f"{_CHECKOUT_FORM} > fieldset.payment > div.card-element > "
    "input#card-number.field__input.secure[name=cardnumber][autocomplete=cc-number]",
    None,
    None,
    None,
)
_web_el(
    "place_order",
    f"{_CHECKOUT_FORM} > div.form__actions > button#place-order.btn.btn-primary[type=submit]",
    f"{_CHECKOUT_FORM} > div.form__actions > button#place-order.btn-primary.btn[type=submit]",
    "Place order",
    None,
)
_web_el(
    "pricing_toggle",
    f"{_MAIN} > section.pricing > div.pricing__toggle > "
    "button.toggle[data-billing=annual][type=button]",
    None,
    "Annual (save 20%)",
    None,
)
_SIGNUP_FORM = f"{_MAIN} > div.auth > form#signup-form.auth-form[action=/signup][method=post]"
_web_el("signup_form", _SIGNUP_FORM, None, None, None)
_web_el(
    "su_email",
    f"{_SIGNUP_FORM} > input#signup-email.field__input[name=email][type=email]",
    None,
    None,
    None,
)
_web_el(
    "su_password",
    f"{_SIGNUP_FORM} > input#signup-password.field__input[name=password][type=password]",
    None,
    None,
    None,
)
_web_el(
    "su_company",
    f"{_SIGNUP_FORM} > input#company-size.field__input[name=company_size][type=number]",
    None,
    None,
    None,
)
_web_el(
    "su_newsletter",
    f"{_SIGNUP_FORM} > label.checkbox > input#newsletter-optin[name=newsletter][type=checkbox]",
    None,
    None,
    None,
)
_web_el(
    "su_submit",
    f"{_SIGNUP_FORM} > button#signup-submit.btn.btn-primary[type=submit]",
    f"{_SIGNUP_FORM} > button#signup-submit.btn.btn-block.btn-primary[type=submit]",
    "Create account",
    None,
)
_LOGIN_FORM = f"{_MAIN} > div.auth > form#login-form.auth-form[action=/session][method=post]"
_web_el("login_form", _LOGIN_FORM, None, None, None)
_web_el(
    "li_email",
    f"{_LOGIN_FORM} > input#login-email.field__input[name=email][type=email]",
    None,
    None,
    None,
)
_web_el(
    "li_password",
    f"{_LOGIN_FORM} > input#login-password.field__input[name=password][type=password]",
    None,
    None,
    None,
)
_web_el(
    "li_submit",
    f"{_LOGIN_FORM} > button#login-submit.btn.btn-primary[type=submit]",
    f"{_LOGIN_FORM} > button#login-submit.btn-primary.btn.btn-block[type=submit]",
    "Log in",
    None,
)
_web_el(
    "acct_orders",
    f"{_MAIN} > div.account > nav.account-nav > a.account-nav__link[href=#orders]",
    None,
    "Orders",
    "#orders",
)
_web_el(
    "acct_upgrade",
    f"{_MAIN} > div.account > section.plan-card > a#upgrade.btn.upgrade-cta[href=/pricing]",
    None,
    "Upgrade",
    "/pricing",
)
_web_el(
    "blog_cta",
    f"{_BLOG_MAIN} > article.post > aside.post__cta > "
    "a.btn.cta[href=https://shop.example.com/products]",
    None,
    "Shop the collection",
    "https://shop.example.com/products",
)
_web_el(
    "blog_share",
    f"{_BLOG_MAIN} > article.post > footer.post__footer > "
    "a.share.share--twitter[href=https://twitter.com/intent/tweet][target=_blank]",
    None,
    "Share",
    "https://twitter.com/intent/tweet",
)

# iOS element -> (target_view_class, target_view_name, target_a11y_id, target_a11y_label,
#                 target_text, action_method); absent keys have no iOS counterpart.
_IOS_ELEMENTS: dict[str, tuple[str, str | None, str | None, str | None, str | None, str | None]] = {
    "nav_logo": ("UITabBarButton", None, "tab_home", "Home", "Home", "_tabBarItemClicked:"),
    "nav_shop": ("UITabBarButton", None, "tab_shop", "Shop", "Shop", "_tabBarItemClicked:"),
    "nav_cart": ("UITabBarButton", None, "tab_cart", "Cart", "Cart", "_tabBarItemClicked:"),
    "nav_account": (
        "UITabBarButton",
        None,
        "tab_account",
        "Account",
        "Account",
        "_tabBarItemClicked:",
    ),
    "nav_search": ("UITabBarButton", None, "tab_search", "Search", "Search", "_tabBarItemClicked:"),
    "nav_login": (
        "UIButton",
        "loginButton",
        "login_button",
        "Log in",
        "Log in",
        "loginButtonWasPressed:",
    ),
    "nav_signup": (
        "UIButton",
        "signUpButton",
        "signup_button",
        "Sign up",
        "Sign up",
        "signUpButtonWasPressed:",
    ),
    "nav_pricing": (
        "UITableViewCell",
        "membershipCell",
        "membership_row",
        "Membership",
        "Membership",
        "tableView:didSelectRowAtIndexPath:",
    ),
    "hero_cta": (
        "UIButton",
        "heroButton",
        "hero_cta",
        "Shop the winter sale",
        "Shop the winter sale",
        "heroButtonTapped:",
    ),
    "card": (
        "ProductCell",
        "productCell",
        None,
        None,
        None,
        "collectionView:didSelectItemAtIndexPath:",
    ),
    "result": (
        "SearchResultCell",
        "resultCell",
        None,
        None,
        None,
        "tableView:didSelectRowAtIndexPath:",
    ),
    "sort_select": (
        "UISegmentedControl",
        "sortControl",
        "sort_control",
        "Sort",
        None,
        "sortChanged:",
    ),
    "add_to_cart": (
        "UIButton",
        "addToCartButton",
        "add_to_cart",
        "Add to cart",
        "Add to cart",
        "addToCartTapped:",
    ),
    "play_video": ("AVPlayerButton", "playButton", "play_video", "Play", None, "playTapped:"),
    "reviews_link": (
        "UIButton",
        "reviewsButton",
        "reviews_button",
        "Reviews",
        "Reviews",
        "reviewsTapped:",
    ),
    "cart_checkout": (
        "UIButton",
        "checkoutButton",
        "checkout_button",
        "Checkout",
        "Checkout",
        "checkoutTapped:",
    ),
    "cart_remove": ("UIContextualAction", None, "remove_item", "Remove", "Remove", "removeItem:"),
    "place_order": (
        "ApplePayButton",
        "applePayButton",
        "place_order",
        "Pay with Apple Pay",
        None,
        "payTapped:",
    ),
    "continue_shopping": (
        "UIButton",
        "continueButton",
        "continue_shopping",
        "Continue shopping",
        "Continue shopping",
        "continueTapped:",
    ),
    "pricing_toggle": (
        "UISwitch",
        "annualSwitch",
        "annual_switch",
        "Annual billing",
        None,
        "billingChanged:",
    ),
    "plan_cta": (
        "UIButton",
        "planButton",
        "plan_cta",
        "Start free trial",
        "Start free trial",
        "planSelected:",
    ),
    "su_submit": (
        "UIButton",
        "createAccountButton",
        "signup_submit",
        "Create account",
        "Create account",
        "createAccountTapped:",
    ),
    "li_submit": (
        "UIButton",
        "loginSubmitButton",
        "login_submit",
        "Log in",
        "Log in",
        "loginButtonWasPressed:",
    ),
    "acct_orders": (
        "UITableViewCell",
        "ordersCell",
        "orders_row",
        "Orders",
        "Orders",
        "tableView:didSelectRowAtIndexPath:",
    ),
    "acct_upgrade": (
        "UIButton",
        "upgradeButton",
        "upgrade_button",
        "Upgrade",
        "Upgrade",
        "upgradeTapped:",
    ),
}
# iOS text fields -> (target_view_class, target_view_name, target_a11y_id, target_a11y_label)
_IOS_FIELDS: dict[str, tuple[str, str, str, str]] = {
    "search_input": ("UISearchTextField", "searchField", "search_field", "Search products"),
    "qty": ("UITextField", "quantityField", "quantity_field", "Quantity"),
    "co_email": ("UITextField", "emailField", "checkout_email", "Email"),
    "co_name": ("UITextField", "nameField", "checkout_name", "Full name"),
    "co_address": ("UITextField", "addressField", "checkout_address", "Address"),
    "co_card": ("STPPaymentCardTextField", "cardField", "card_field", "Card number"),
    "su_email": ("UITextField", "emailField", "signup_email", "Email"),
    "su_password": ("UITextField", "passwordField", "signup_password", "Password"),
    "su_company": ("UITextField", "companySizeField", "company_size", "Company size"),
    "li_email": ("UITextField", "emailField", "login_email", "Email"),
    "li_password": ("UITextField", "passwordField", "login_password", "Password"),
}
# Android element -> (target_view_class, target_view_name (resource id), target_text,
#                     target_a11y_label (content description))
_MATERIAL_BUTTON = "com.google.android.material.button.MaterialButton"
_NAV_ITEM = "com.google.android.material.bottomnavigation.BottomNavigationItemView"
_EDIT_TEXT = "com.google.android.material.textfield.TextInputEditText"
_ANDROID_ELEMENTS: dict[str, tuple[str, str | None, str | None, str | None]] = {
    "nav_logo": (_NAV_ITEM, "nav_home", "Home", None),
    "nav_shop": (_NAV_ITEM, "nav_shop", "Shop", None),
    "nav_cart": (_NAV_ITEM, "nav_cart", "Cart", None),
    "nav_account": (_NAV_ITEM, "nav_account", "Account", None),
    "nav_search": (_NAV_ITEM, "nav_search", "Search", None),
    "nav_login": (_MATERIAL_BUTTON, "login_button", "Log in", None),
    "nav_signup": (_MATERIAL_BUTTON, "signup_button", "Sign up", None),
    "nav_pricing": ("android.widget.LinearLayout", "membership_row", None, "Membership"),
    "hero_cta": (_MATERIAL_BUTTON, "hero_cta", "Shop the winter sale", None),
    "card": ("androidx.cardview.widget.CardView", "product_card", None, None),
    "result": ("android.widget.LinearLayout", "search_result", None, None),
    "gallery": ("androidx.viewpager2.widget.ViewPager2", "image_pager", None, "Product images"),
    "sort_select": ("com.google.android.material.chip.Chip", "sort_chip", "Sort", None),
    "add_to_cart": (_MATERIAL_BUTTON, "add_to_cart_button", "Add to cart", None),
    "play_video": ("android.widget.ImageButton", "exo_play", None, "Play"),
    "reviews_link": ("android.widget.TextView", "reviews_link", "Reviews", None),
    "cart_checkout": (_MATERIAL_BUTTON, "checkout_button", "Checkout", None),
    "cart_remove": ("android.widget.ImageButton", "remove_item", None, "Remove item"),
    "place_order": (
        "com.google.android.gms.wallet.button.PayButton",
        "google_pay_button",
        None,
        "Pay with Google Pay",
    ),
    "continue_shopping": (_MATERIAL_BUTTON, "continue_button", "Continue shopping", None),
    "pricing_toggle": (
        "com.google.android.material.materialswitch.MaterialSwitch",
        "annual_switch",
        "Annual billing",
        None,
    ),
    "plan_cta": (_MATERIAL_BUTTON, "plan_button", "Start free trial", None),
    "su_submit": (_MATERIAL_BUTTON, "create_account_button", "Create account", None),
    "li_submit": (_MATERIAL_BUTTON, "login_submit_button", "Log in", None),
    "acct_orders": ("android.widget.LinearLayout", "orders_row", "Orders", None),
    "acct_upgrade": (_MATERIAL_BUTTON, "upgrade_button", "Upgrade", None),
    "search_input": (_EDIT_TEXT, "search_input", None, "Search products"),
    "qty": (_EDIT_TEXT, "quantity_input", None, None),
    "co_email": (_EDIT_TEXT, "email_input", None, None),
    "co_name": (_EDIT_TEXT, "name_input", None, None),
    "co_address": (_EDIT_TEXT, "address_input", None, None),
    "co_card": (
        "com.stripe.android.view.CardNumberEditText",
        "card_number_input",
        None,
        "Card number",
    ),
    "su_email": (_EDIT_TEXT, "email_input", None, None),
    "su_password": (_EDIT_TEXT, "password_input", None, None),
    "su_company": (_EDIT_TEXT, "company_size_input", None, None),
    "li_email": (_EDIT_TEXT, "email_input", None, None),
    "li_password": (_EDIT_TEXT, "password_input", None, None),
}

# Screens: page key -> iOS (view_controller, screen_a11y_id, screen_a11y_label),
# Android activity (written to view_controller).
_IOS_SCREENS = {
    "home": ("HomeViewController", "home_screen", "Home"),
    "products": ("ProductListViewController", "product_list", "Shop"),
    "product": ("ProductDetailViewController", "product_detail", "Product details"),
    "cart": ("CartViewController", "cart_screen", "Cart"),
    "checkout": ("CheckoutViewController", "checkout_screen", "Checkout"),
    "confirm": ("OrderConfirmationViewController", "order_confirmation", "Order confirmed"),
    "pricing": ("MembershipViewController", "membership_screen", "Membership"),
    "signup": ("SignUpViewController", "signup_screen", "Sign up"),
    "login": ("LoginViewController", "login_screen", "Log in"),
    "account": ("AccountViewController", "account_screen", "Account"),
    "search": ("SearchViewController", "search_screen", "Search"),
}
_ANDROID_SCREENS = {
    "home": "com.example.shop.ui.home.HomeActivity",
    "products": "com.example.shop.ui.catalog.CatalogActivity",
    "product": "com.example.shop.ui.product.ProductDetailActivity",
    "cart": "com.example.shop.ui.cart.CartActivity",
    "checkout": "com.example.shop.ui.checkout.CheckoutActivity",
    "confirm": "com.example.shop.ui.checkout.ConfirmationActivity",
    "pricing": "com.example.shop.ui.account.MembershipActivity",
    "signup": "com.example.shop.ui.auth.SignUpActivity",
    "login": "com.example.shop.ui.auth.LoginActivity",
    "account": "com.example.shop.ui.account.AccountActivity",
    "search": "com.example.shop.ui.search.SearchActivity",
}

# Traffic sources of web sessions:
# key -> (referrer choices (None = direct), utm_source, utm_medium, campaigns, weight)
_SOURCES: tuple[
    tuple[str, tuple[str | None, ...], str | None, str | None, tuple[str, ...], int], ...
] = (
    ("direct", (None,), None, None, (), 34),
    (
        "organic",
        (
            "https://www.google.com/",
            "https://www.google.com/",
            "https://www.google.co.uk/",
            "https://duckduckgo.com/",
            "https://www.bing.com/",
        ),
        None,
        None,
        (),
        24,
    ),
    (
        "cpc",
        ("https://www.google.com/",),
        "google",
        "cpc",
        ("brand_search", "shoes_generic", "winter_sale_2026"),
        10,
    ),
    (
        "paid_social",
        ("https://l.facebook.com/", "https://m.facebook.com/", "https://l.instagram.com/"),
        "facebook",
        "paid_social",
        ("winter_sale_2026", "retargeting_cart", "lookalike_runners"),
        7,
    ),
    (
        "email",
        (None,),
        "newsletter",
        "email",
        ("weekly_2026_01_06", "weekly_2026_01_13", "weekly_2026_01_20", "winter_sale_2026"),
        8,
    ),
    (
        "social",
        ("https://l.instagram.com/", "https://t.co/", "https://www.pinterest.com/"),
        "instagram",
        "social",
        ("ugc_feature",),
        5,
    ),
    (
        "referral",
        (
            "https://www.reddit.com/r/trailrunning/",
            "https://news.ycombinator.com/",
            "https://www.runnersworld.com/gear/",
            "https://blog.example.com/",
        ),
        None,
        None,
        (),
        12,
    ),
)
_CPC_TERMS = (
    "trail running shoes",
    "example shop",
    "merino socks",
    "waterproof jacket",
    "running backpack",
)
_SOCIAL_CONTENT = ("carousel_a", "carousel_b", "video_15s", "story_1")
_BING_KEYWORDS = ("merino socks", "trail shoes", "example shop", "rain jacket")
_TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"

_JS_NUMBER_KEYS = ("price", "revenue", "cart_value", "duration_s", "amount")


def _expand(items: tuple[Any, ...], weight_of: Callable[[Any], int]) -> tuple[Any, ...]:
    """A choice table: each item repeated by its weight, so `t[int(random() * len(t))]`."""
    return tuple(item for item in items for _ in range(weight_of(item)))


_PRODUCT_TABLE = _expand(tuple(range(len(PRODUCTS))), lambda i: PRODUCTS[i][5])
_GEO_TABLE = _expand(GEOS, lambda g: g[3])
_WEB_AGENT_TABLE = _expand(WEB_AGENTS, lambda a: a[3])
_IOS_DEVICE_TABLE = _expand(IOS_DEVICES, lambda d: d[2])
_ANDROID_DEVICE_TABLE = _expand(ANDROID_DEVICES, lambda d: d[2])
_SOURCE_TABLE = _expand(_SOURCES, lambda s: s[5])

# Precomputed page contexts (the event-level fields of a web page).
_PAGE_CTX = {k: {"domain": d, "path": p, "title": t} for k, (d, p, t) in _STATIC_PAGES.items()}
_PRODUCT_CTX = [
    {"domain": SHOP, "path": f"/products/{p[1]}", "title": f"{p[2]} | Example Shop"}
    for p in PRODUCTS
]
_BLOG_CTX = [
    {"domain": BLOG, "path": f"/blog/{b[0]}", "title": f"{b[1]} | The Journal"} for b in BLOG_POSTS
]
_SEARCH_CTX = [
    {
        "domain": SHOP,
        "path": "/search",
        "query": "?q=" + q.replace(" ", "+"),
        "title": f"Search: {q} | Example Shop",
    }
    for q, _ in SEARCHES
]


def _card_hierarchy(where: str, pidx: int, mobile: bool) -> str:
    pid, slug = PRODUCTS[pidx][0], PRODUCTS[pidx][1]
    link = f"a.product-card__link[href=/products/{slug}]"
    if where == "home":
        grid = "section.featured > ul.product-grid"
    elif where == "related":
        grid = "section.related > ul.carousel"
    else:
        grid = (
            "div.catalog > ul.grid--2.product-grid"
            if mobile
            else "div.catalog > ul.product-grid.grid--4"
        )
    card = "li.product-card.product-card--small" if where == "related" else "li.product-card"
    return f"{_MAIN} > {grid} > {card}[data-product-id={pid}] > {link}"


def _web_card_elements() -> dict[tuple[str, int, bool], str]:
    return {
        (w, i, m): _card_hierarchy(w, i, m)
        for w in ("home", "products", "related")
        for i in range(len(PRODUCTS))
        for m in (False, True)
    }


_CARD_HIERARCHY = _web_card_elements()
_RESULT_HIERARCHY = [
    f"{_MAIN} > ol.search-results > li.result > a.result__link[href=/products/{p[1]}]"
    for p in PRODUCTS
]
_PLAN_CTA = {
    plan: f"{_MAIN} > section.pricing > div.pricing-table > div.plan.plan--{plan} > "
    f"a.btn.plan__cta[data-plan={plan}][href=/signup?plan={plan}]"
    for plan in PLANS
}
_CATEGORY_FILTER = {
    c: f"{_MAIN} > div.catalog > aside.filters > ul.filter-list > "
    f"li.filter > a.filter__link[href=/products?category={c}]"
    for c in CATEGORIES
}
_GALLERY = [
    f"{_MAIN} > div.product > div.gallery > button.gallery__thumb[data-index={i}]" for i in range(6)
]
_BLOG_POST_LINK = [
    f"{_BLOG_MAIN} > section.post-list > article.post-card > "
    f"h2.post-card__title > a[href=/blog/{b[0]}]"
    for b in BLOG_POSTS
]
_BLOG_VIDEO = {
    b[2]: f"{_BLOG_MAIN} > article.post > div.post__body > "
    f"div.video-embed[data-video-id={b[2]}] > "
    "button.video-embed__play[aria-label=Play][type=button]"
    for b in BLOG_POSTS
    if b[2]
}


# --------------------------------------------------------------------------------------
# Time and ids
# --------------------------------------------------------------------------------------

_HMS = tuple(f" {h:02d}:{m:02d}:{s:02d}." for h in range(24) for m in range(60) for s in range(60))
_MS3 = tuple(f"{i:03d}" for i in range(1000))


def _make_formatter(n_days: int) -> Callable[[int], str]:
    """ms since START -> 'YYYY-MM-DD HH:MM:SS.mmm' (table lookups, no datetime per call)."""
    day_strs = tuple((START + timedelta(days=d)).strftime("%Y-%m-%d") for d in range(n_days))

    def fmt(ms: int) -> str:
        d, rem = divmod(ms, DAY)
        s, m = divmod(rem, SEC)
        if 0 <= d < n_days:
            return day_strs[d] + _HMS[s] + _MS3[m]
        return (START + timedelta(milliseconds=ms)).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]

    return fmt


def _seconds_str(ms: int) -> str:
    """A timestamp string without milliseconds, as a property value."""
    return (START + timedelta(milliseconds=ms)).strftime("%Y-%m-%d %H:%M:%S")


class _At:
    """A timestamp-string property value filled in when its step is played.

    ``_At(0)`` is the step's own time (``YYYY-MM-DD HH:MM:SS``); ``_At(n)`` is midnight
    ``n`` days later (``YYYY-MM-DD 00:00:00``), e.g. a delivery date.
    """

    __slots__ = ("days",)

    def __init__(self, days: int) -> None:
        self.days = days

    def resolve(self, t: int) -> str:
        if self.days == 0:
            return _seconds_str(t)
        return _seconds_str((t // DAY + self.days) * DAY)


_NOW = object()  # in a "state" step: the time the step is played


def _resolve(props: dict[str, Any], t: int) -> dict[str, Any]:
    return {k: (v.resolve(t) if type(v) is _At else v) for k, v in props.items()}


_ID_BITS = 52
_ID_MASK = (1 << _ID_BITS) - 1


class _IdSequence:
    """Unique, random-looking positive ids below 2**52 (< 2**53) from a counter.

    Every step (add, odd multiply, xor-shift) is a bijection on 52-bit integers, so
    distinct counters give distinct ids; no set of issued ids is kept.
    """

    __slots__ = ("_n", "_offset", "_mul")

    def __init__(self, offset: int, mul: int) -> None:
        self._n = 0
        self._offset = offset & _ID_MASK
        self._mul = mul | 1

    def next(self) -> int:
        x = (self._n + self._offset) & _ID_MASK
        self._n += 1
        x = (x * self._mul) & _ID_MASK
        x ^= x >> 23
        x = (x * 0x2545F4914F6CD) & _ID_MASK
        x ^= x >> 29
        return x + 1


# --------------------------------------------------------------------------------------
# People, devices and sessions
# --------------------------------------------------------------------------------------


class _Person:
    __slots__ = (
        "index",
        "identity",
        "handle",
        "identified_at",
        "plan",
        "orders",
        "ltv",
        "newsletter",
        "will_signup",
        "member",
        "signup_after",
        "sessions_done",
        "primary_uid",
        "company_size",
        "upgraded_at",
    )

    def __init__(self, index: int) -> None:
        self.index = index
        self.identity: str | None = None
        self.handle: str | None = None
        self.identified_at: int | None = None
        self.plan = "free"
        self.orders = 0
        self.ltv = 0.0
        self.newsletter = False
        self.will_signup = False
        self.member = False
        self.signup_after = 0
        self.sessions_done = 0
        self.primary_uid: int | None = None
        self.company_size: int | None = None
        self.upgraded_at: int | None = None


class _Device:
    __slots__ = (
        "library",
        "uid",
        "logged_in",
        "mobile",
        "agent",
        "geo",
        "ip",
        "heap_device",
        "update_lag",
        "android_id",
        "ios_device",
        "carrier",
        "platform",
        "anonymous_sessions",
    )

    def __init__(self, library: str) -> None:
        self.library = library
        self.uid: int | None = None
        self.logged_in = False
        self.mobile = False  # web: mobile layout
        self.agent: tuple[str, str, str, int] | None = None
        self.geo: tuple[str, str, str, int] = GEOS[0]
        self.ip = ""
        self.heap_device = ""
        self.update_lag = 0
        self.android_id = ""
        self.ios_device: tuple[str, str, int] | None = None
        self.carrier: str | None = None
        self.platform = ""
        self.anonymous_sessions = 0  # a second device: sessions before its log-in


class _Sampler:
    def __init__(
        self,
        out_dir: Path,
        users: int,
        days: int,
        seed: int,
        progress: Callable[[int], None] | None,
    ) -> None:
        self.users = users
        self.days = days
        self.end = days * DAY
        self.rng = random.Random(seed)
        self.r = self.rng.random
        self.fmt = _make_formatter(days + 60)
        id_rng = random.Random(f"heapgen-ids-{seed}")
        self.user_ids = _IdSequence(id_rng.getrandbits(52), id_rng.getrandbits(52))
        self.session_ids = _IdSequence(id_rng.getrandbits(52), id_rng.getrandbits(52))
        self.event_ids = _IdSequence(id_rng.getrandbits(52), id_rng.getrandbits(52))
        self.out_dir = out_dir
        self.progress = progress
        self.stats = SampleStats()
        self.ev_buf = bytearray()
        self.dup_buf = bytearray()
        self.id_buf = bytearray()
        self.up_buf = bytearray()
        self.order_seq = 104_200
        self.files: list[Any] = []

    # ---------------------------------------------------------------- output

    def _flush(self, final: bool = False) -> None:
        f_ev, f_id, f_up = self.files
        f_ev.write(self.ev_buf)
        self.ev_buf = bytearray()
        # duplicates are redelivered after the chunk that held the first copy
        f_ev.write(self.dup_buf)
        self.dup_buf = bytearray()
        f_id.write(self.id_buf)
        self.id_buf = bytearray()
        f_up.write(self.up_buf)
        self.up_buf = bytearray()
        if self.progress is not None:
            self.progress(self.stats.events)

    def _event(
        self,
        uid: int,
        sid: int | None,
        t: int,
        library: str,
        typ: str,
        custom: bool,
        fields: dict[str, Any] | None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        fmt = self.fmt
        d: dict[str, Any] = {"event_id": self.event_ids.next(), "user_id": uid}
        if sid is not None:
            d["session_id"] = sid
        d["time"] = fmt(t)
        u = self.r()
        stats = self.stats
        if u < LATE_RATE:
            lag = DAY + HOUR + int(self.r() * 5 * DAY)
            stats.late += 1
        else:
            lag = SEC + int(self.r() * 29 * SEC)
        d["loaded_at"] = fmt(t + lag)
        d["library"] = library
        d["type"] = typ
        d["is_custom"] = custom
        if fields:
            d.update(fields)
        if extra:
            d.update(extra)
        # orjson's result keeps a large allocation: append it to the buffer at once
        self.ev_buf += orjson.dumps(d, option=_LINE)
        stats.events += 1
        if LATE_RATE <= u < LATE_RATE + DUPLICATE_RATE:
            d["loaded_at"] = fmt(t + lag + 10 * SEC + int(self.r() * 6 * HOUR))
            self.dup_buf += orjson.dumps(d, option=_LINE)
            stats.events += 1
            stats.duplicates += 1
        if len(self.ev_buf) >= _FLUSH_BYTES:
            self._flush()

    def _identify(self, uid: int, identity: str, t: int) -> None:
        if self.r() < LATE_RATE:
            lag = DAY + HOUR + int(self.r() * 4 * DAY)
            self.stats.late_identifies += 1
        else:
            lag = SEC + int(self.r() * 29 * SEC)
        self.id_buf += orjson.dumps(
            {
                "user_id": uid,
                "identity": identity,
                "time": self.fmt(t),
                "loaded_at": self.fmt(t + lag),
            },
            option=_LINE,
        )
        self.stats.identifies += 1

    def _user_props(self, uid: int, t: int, props: dict[str, Any]) -> None:
        lag = SEC + int(self.r() * 29 * SEC)
        self.up_buf += orjson.dumps(
            {
                "user_id": uid,
                "time": self.fmt(t),
                "properties": props,
                "loaded_at": self.fmt(t + lag),
            },
            option=_LINE,
        )
        self.stats.user_properties += 1

    # ---------------------------------------------------------------- helpers

    def _pick(self, table: tuple[Any, ...] | list[Any]) -> Any:
        return table[int(self.r() * len(table))]

    def _token(self, n: int) -> str:
        r = self.r
        return "".join(_TOKEN_CHARS[int(r() * 64)] for _ in range(n))

    def _ip(self) -> str:
        r = self.r
        if r() < 0.08:
            return f"2001:db8:{int(r() * 65536):x}:{int(r() * 65536):x}::{int(r() * 65536):x}"
        return (
            f"{self._pick((24, 47, 68, 73, 81, 92, 98, 104, 142, 172, 185, 203))}."
            f"{int(r() * 256)}.{int(r() * 256)}.{1 + int(r() * 254)}"
        )

    def _app_version(self, dev: _Device, t: int) -> str:
        version = APP_RELEASES[0][0]
        day = t // DAY
        for v, released in APP_RELEASES:
            if released + dev.update_lag <= day:
                version = v
        return version

    def _uid(self, dev: _Device) -> int:
        if dev.uid is None:
            dev.uid = self.user_ids.next()
            self.stats.users += 1
        return dev.uid

    # ---------------------------------------------------------------- simulation

    def run(self) -> SampleStats:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        files = [
            open(self.out_dir / name, "wb", buffering=1 << 20)  # noqa: SIM115
            for name in (EVENTS_FILE, IDENTIFIES_FILE, USER_PROPERTIES_FILE)
        ]
        try:
            self.files = files
            for i in range(self.users):
                self._simulate_person(_Person(i))
            self._flush(final=True)
        finally:
            for f in files:
                f.close()
        return self.stats

    def _new_device(self, library: str) -> _Device:
        r = self.r
        dev = _Device(library)
        dev.geo = self._pick(_GEO_TABLE)
        if library == "web":
            dev.agent = self._pick(_WEB_AGENT_TABLE)
            dev.mobile = dev.agent[0] != "Desktop"
            dev.ip = self._ip()
        elif library == "iOS":
            dev.ios_device = self._pick(_IOS_DEVICE_TABLE)
            dev.platform = self._pick(IOS_VERSIONS)
            dev.carrier = (
                None if dev.ios_device[0] == "Tablet" or r() < 0.1 else self._pick(CARRIERS)
            )
            dev.ip = self._ip()
            dev.update_lag = 1 + int(r() * 12) if r() < 0.9 else 1000
        else:
            device = self._pick(_ANDROID_DEVICE_TABLE)
            dev.platform = device[1]
            dev.heap_device = device[0]
            dev.android_id = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
            dev.update_lag = 1 + int(r() * 20) if r() < 0.85 else 1000
        return dev

    def _simulate_person(self, p: _Person) -> None:
        r = self.r
        end = self.end
        u = r()
        library = "web" if u < 0.58 else ("iOS" if u < 0.80 else "android")
        dev = self._new_device(library)
        # activity: sessions per day, log-normal across people
        rate = min(6.0, math.exp(-1.29 + 1.0 * self.rng.gauss(0.0, 1.0)))
        existing = r() < 0.4
        if existing:
            t = int(self.rng.expovariate(rate) * DAY)
            p.member = r() < 0.45
            if p.member:
                p.plan = self._pick(("free", "free", "pro", "pro", "team"))
        else:
            t = int(r() * end)
            p.will_signup = r() < 0.35
            p.signup_after = int(r() * 3) if r() < 0.7 else 0
        p.newsletter = r() < 0.6
        second: _Device | None = None
        second_from = 0
        decided = False
        while True:
            t = self._diurnal(t)
            if t >= end:
                break
            t = self._session(p, dev, t) + 30 * MIN + int(self.rng.expovariate(rate) * DAY)
            p.sessions_done += 1
            if not decided and p.identified_at is not None:
                decided = True  # once, right after the person is first identified
                if r() < SECOND_DEVICE_RATE:
                    second = self._new_device(self._second_library(library))
                    second_from = p.identified_at + HOUR + int(r() * 4 * DAY)
        if second is not None and second_from < end:
            self._second_device_sessions(p, second, second_from, rate)
        self._server_side(p)

    def _second_library(self, library: str) -> str:
        u = self.r()
        if library == "web":
            return "iOS" if u < 0.5 else ("android" if u < 0.8 else "web")
        return "web" if u < 0.75 else ("android" if library == "iOS" else "iOS")

    def _second_device_sessions(self, p: _Person, dev: _Device, t: int, rate: float) -> None:
        # often some anonymous browsing first, then a log-in with the same identity
        dev.anonymous_sessions = 0 if self.r() < 0.5 else 1 + int(self.r() * 2)
        while True:
            t = self._diurnal(t)
            if t >= self.end:
                break
            t = self._session(p, dev, t) + 30 * MIN + int(self.rng.expovariate(rate) * DAY)

    def _diurnal(self, t: int) -> int:
        """Move most night-time starts into the day (UTC, a rough mix of time zones)."""
        hour = (t // HOUR) % 24
        if hour < 6 and self.r() < 0.6:
            t += (6 - hour) * HOUR + int(self.r() * 10 * HOUR)
        return t

    def _server_side(self, p: _Person) -> None:
        """Newsletters and subscription renewals, sent by the backend (no session)."""
        if p.identity is None or p.primary_uid is None:
            return
        uid = p.primary_uid
        end = self.end
        r = self.r
        if p.newsletter:
            # Tuesdays 15:00 UTC (START is a Monday), one campaign a week
            first = p.identified_at or 0
            week = 0
            while True:
                t = (1 + 7 * week) * DAY + 15 * HOUR + int(r() * 40 * MIN)
                week += 1
                if t >= end:
                    break
                if t < first:
                    continue
                day = (START + timedelta(milliseconds=t)).strftime("%Y_%m_%d")
                campaign = "winter_sale_2026" if week == 3 else f"weekly_{day}"
                self._event(
                    uid,
                    None,
                    t,
                    "server",
                    "Email Sent",
                    True,
                    None,
                    {
                        "properties": {
                            "campaign": campaign,
                            "template": "newsletter",
                            "message_id": f"msg_{self._token(16)}",
                        }
                    },
                )
        if p.plan in ("pro", "team"):
            price = 29.0 if p.plan == "pro" else 99.0
            renew = (
                p.upgraded_at + 30 * DAY
                if p.upgraded_at is not None
                else int(r() * 30 * DAY) + 9 * HOUR
            )
            count = 1 if p.upgraded_at is not None else 2 + int(r() * 20)
            while renew < end:
                self._event(
                    uid,
                    None,
                    renew,
                    "server",
                    "Subscription Renewed",
                    True,
                    None,
                    {
                        "properties": {
                            "plan": p.plan,
                            "amount": price,
                            "period": "monthly",
                            "renewal_count": count,
                            "provider": self._pick(PAY_PROVIDERS),
                        }
                    },
                )
                renew += 30 * DAY
                count += 1

    # ---------------------------------------------------------------- sessions

    def _choose_intent(self, p: _Person, dev: _Device) -> str:
        r = self.r
        known = p.identity is not None
        if known and not dev.logged_in:
            if dev.anonymous_sessions <= 0:
                return "login"
            dev.anonymous_sessions -= 1
            known = False
        elif p.member and not known and r() < 0.6:
            return "login"
        elif p.will_signup and not known and p.sessions_done >= p.signup_after:
            return "signup"
        u = r()
        buy = 0.09 if known else 0.05
        if u < buy:
            return "buy"
        if u < buy + 0.15:
            return "search"
        if dev.library == "web" and u < buy + 0.29:
            return "blog"
        if known and u < buy + 0.39:
            return "account"
        return "browse"

    def _session(self, p: _Person, dev: _Device, t0: int) -> int:
        """Write one session starting at t0; return the time of its last event."""
        r = self.r
        lib = dev.library
        intent = self._choose_intent(p, dev)
        web = lib == "web"
        sess = _Journey(self, p, dev, web)
        landing_query = None
        source = None
        if web:
            source = self._pick(_SOURCE_TABLE)
            sess.landing(intent, source[0])
        else:
            sess.landing(intent, None)
        getattr(sess, "j_" + intent)()
        steps = sess.steps
        uid = self._uid(dev)
        if p.primary_uid is None:
            p.primary_uid = uid
        sid = self.session_ids.next()
        self.stats.sessions += 1

        # session-level fields, in contract order
        country, region, city, _ = dev.geo
        if r() < 0.03:
            country, region, city, _ = self._pick(_GEO_TABLE)  # travelling
        if web:
            agent = dev.agent
            assert agent is not None
            if r() < 0.15:
                dev.ip = self._ip()
            sf: dict[str, Any] = {
                "platform": agent[1],
                "device_type": agent[0],
                "country": country,
                "region": region,
                "city": city,
                "ip": dev.ip,
                "browser": agent[2],
            }
            assert source is not None
            key, referrers, utm_source, utm_medium, campaigns, _ = source
            referrer = self._pick(referrers)
            if referrer is not None:
                sf["referrer"] = referrer
            first = sess.first_ctx
            sf["landing_page"] = first["domain"] + first["path"]
            landing_query = first.get("query")
            if utm_source is not None:
                campaign = self._pick(campaigns)
                utm = {"utm_source": utm_source, "utm_campaign": campaign, "utm_medium": utm_medium}
                q = f"utm_source={utm_source}&utm_medium={utm_medium}&utm_campaign={campaign}"
                if key == "cpc":
                    term = self._pick(_CPC_TERMS)
                    utm["utm_term"] = term
                    utm["utm_content"] = "rsa_" + str(1 + int(r() * 4))
                    q += f"&utm_term={term.replace(' ', '+')}&utm_content={utm['utm_content']}"
                    q += "&gclid=" + self._token(24)
                elif key == "paid_social":
                    utm["utm_content"] = self._pick(_SOCIAL_CONTENT)
                    q += f"&utm_content={utm['utm_content']}&fbclid=IwAR" + self._token(20)
                landing_query = (landing_query + "&" if landing_query else "?") + q
                first["query"] = landing_query
            else:
                utm = None
            if landing_query:
                sf["landing_page_query"] = landing_query
            if first.get("hash"):
                sf["landing_page_hash"] = first["hash"]
            if referrer == "https://www.bing.com/" and r() < 0.5:
                kw = self._pick(_BING_KEYWORDS)
                sf["referrer"] = "https://www.bing.com/search?q=" + kw.replace(" ", "+")
                sf["search_keyword"] = kw
            if utm:
                sf.update(utm)
        elif lib == "iOS":
            ios = dev.ios_device
            assert ios is not None
            if r() < 0.3:
                dev.ip = self._ip()
            sf = {
                "platform": dev.platform,
                "device_type": ios[0],
                "country": country,
                "region": region,
                "city": city,
                "ip": dev.ip,
                "device": ios[1],
            }
            if dev.carrier:
                sf["carrier"] = dev.carrier
            sf["app_name"] = APP_NAME
            sf["app_version"] = self._app_version(dev, t0)
        else:
            sf = {
                "platform": dev.platform,
                "country": country,
                "region": region,
                "city": city,
                "heap_device_id": dev.android_id,
                "heap_app_name": APP_NAME,
                "heap_app_version": self._app_version(dev, t0),
                "heap_device": dev.heap_device,
            }
        self._event(uid, sid, t0, lib, "session", False, sf)
        return self._play(p, dev, uid, sid, t0 + 1 + int(r() * 4), steps)

    def _play(
        self, p: _Person, dev: _Device, uid: int, sid: int, t: int, steps: list[tuple[Any, ...]]
    ) -> int:
        """Write the events of a session's steps; return the last event time."""
        r = self.r
        lib = dev.library
        web = lib == "web"
        ios = lib == "iOS"
        mobile_layout = 1 if dev.mobile else 0
        end = self.end
        emit = self._event
        ctx: dict[str, Any] = {}  # web: the current page's event-level fields
        screen: dict[str, Any] = {}  # apps: the current screen's view_controller
        prev_path: str | None = None
        last = t
        first = True
        for step in steps:
            kind = step[0]
            if first:
                first = False  # the landing page follows the session event at once
            else:
                lo, span = _GAPS[kind]
                t = last + lo + int(r() * span)
            if t >= end:
                break
            if kind == "page":
                key = step[1]
                if web:
                    ctx = step[3]
                    emit(
                        uid,
                        sid,
                        t,
                        lib,
                        "view page",
                        False,
                        ctx,
                        {"heap_previous_page": prev_path} if prev_path else None,
                    )
                    prev_path = ctx["path"]
                elif ios:
                    vc, a11y_id, a11y_label = _IOS_SCREENS[key]
                    screen = {"view_controller": vc}
                    emit(
                        uid,
                        sid,
                        t,
                        lib,
                        "view screen",
                        False,
                        screen,
                        {"screen_a11y_id": a11y_id, "screen_a11y_label": a11y_label},
                    )
                else:
                    screen = {"view_controller": _ANDROID_SCREENS[key]}
                    emit(uid, sid, t, lib, "view screen", False, screen)
            elif kind == "tap" or kind == "input" or kind == "swipe":
                key, param = step[1], step[2]
                if web:
                    if kind == "input":
                        emit(
                            uid,
                            sid,
                            t,
                            lib,
                            "change",
                            False,
                            ctx,
                            {"hierarchy": _WEB_ELEMENTS[key][0][mobile_layout]},
                        )
                    else:
                        hierarchy, text, href = _web_target(key, param, mobile_layout)
                        extra: dict[str, Any] = {}
                        if href is not None:
                            extra["href"] = href
                        if text is not None:
                            extra["target_text"] = text
                        extra["hierarchy"] = hierarchy
                        emit(uid, sid, t, lib, "click", False, ctx, extra)
                        if href is not None and href[0] == "#":  # in-page anchor
                            ctx = dict(ctx)
                            ctx["hash"] = href
                elif ios:
                    if kind == "input" and key in _IOS_FIELDS:
                        cls, name, a11y_id, a11y_label = _IOS_FIELDS[key]
                        emit(
                            uid,
                            sid,
                            t,
                            lib,
                            "edit field",
                            False,
                            screen,
                            {
                                "target_view_class": cls,
                                "target_view_name": name,
                                "target_a11y_id": a11y_id,
                                "target_a11y_label": a11y_label,
                            },
                        )
                    elif kind == "swipe":
                        emit(uid, sid, t, lib, "swipe", False, screen, _IOS_SWIPE)
                    else:
                        emit(uid, sid, t, lib, "touch", False, screen, _ios_target(key, param))
                else:
                    emit(uid, sid, t, lib, "touch", False, screen, _android_target(key, param))
            elif kind == "submit":
                if not web:
                    continue
                emit(
                    uid,
                    sid,
                    t,
                    lib,
                    "submit",
                    False,
                    ctx,
                    {"hierarchy": _WEB_ELEMENTS[step[1]][0][mobile_layout]},
                )
            elif kind == "track":
                props = step[2]
                if step[3]:
                    props = _resolve(props, t)
                if web:
                    props = _js_numbers(props)
                emit(uid, sid, t, lib, step[1], True, ctx if web else screen, {"properties": props})
            else:  # rows of the other tables and side effects, in step order
                if kind == "identify":
                    self._identify(uid, step[1], t)
                    dev.logged_in = True
                elif kind == "props":
                    self._user_props(uid, t, _resolve(step[1], t) if step[2] else step[1])
                elif kind == "state":
                    for attr, value in step[1].items():
                        setattr(p, attr, t if value is _NOW else value)
                elif kind == "server":
                    self._event(
                        p.primary_uid or uid,
                        None,
                        t + 800 + int(r() * 4000),
                        "server",
                        step[1],
                        True,
                        None,
                        {"properties": step[2]},
                    )
            last = t
        return last


# Think time before each kind of step: (minimum ms, random span ms). Every event of a
# session gets a later millisecond than the one before.
_GAPS: dict[str, tuple[int, int]] = {
    "page": (400, 25_000),
    "tap": (1_500, 40_000),
    "swipe": (800, 6_000),
    "input": (1_200, 9_000),
    "submit": (3, 40),
    "track": (2, 60),
    "identify": (5, 80),
    "props": (5, 120),
    "server": (0, 1),
    "state": (0, 1),
}
_IOS_SWIPE = {
    "target_view_class": "UICollectionView",
    "target_view_name": "imageCarousel",
    "target_a11y_id": "product_images",
    "target_a11y_label": "Product images",
}


def _web_target(key: str, param: Any, mobile: int) -> tuple[str, str | None, str | None]:
    if key == "card":
        where, pidx = param
        slug = PRODUCTS[pidx][1]
        return _CARD_HIERARCHY[(where, pidx, bool(mobile))], PRODUCTS[pidx][2], f"/products/{slug}"
    if key == "result":
        return _RESULT_HIERARCHY[param], PRODUCTS[param][2], f"/products/{PRODUCTS[param][1]}"
    if key == "plan_cta":
        return (
            _PLAN_CTA[param],
            "Start free trial" if param != "free" else "Get started",
            f"/signup?plan={param}",
        )
    if key == "category":
        return _CATEGORY_FILTER[param], param.capitalize(), f"/products?category={param}"
    if key == "gallery":
        return _GALLERY[param], None, None
    if key == "blog_post":
        return _BLOG_POST_LINK[param], BLOG_POSTS[param][1], f"/blog/{BLOG_POSTS[param][0]}"
    if key == "blog_video":
        return _BLOG_VIDEO[param], None, None
    hierarchies, text, href = _WEB_ELEMENTS[key]
    return hierarchies[mobile], text, href


def _ios_target(key: str, param: Any) -> dict[str, Any]:
    if key == "category":
        return {
            "target_view_class": "UICollectionViewCell",
            "target_view_name": "categoryCell",
            "target_a11y_id": f"category_{param}",
            "target_a11y_label": param.capitalize(),
            "target_text": param.capitalize(),
            "action_method": "collectionView:didSelectItemAtIndexPath:",
        }
    cls, name, a11y_id, a11y_label, text, action = _IOS_ELEMENTS[key]
    if key in ("card", "result"):
        pidx = param[1] if key == "card" else param
        a11y_id = f"product_{PRODUCTS[pidx][0]}"
        a11y_label = text = PRODUCTS[pidx][2]
    out: dict[str, Any] = {"target_view_class": cls}
    if name is not None:
        out["target_view_name"] = name
    if a11y_id is not None:
        out["target_a11y_id"] = a11y_id
    if a11y_label is not None:
        out["target_a11y_label"] = a11y_label
    if text is not None:
        out["target_text"] = text
    if action is not None:
        out["action_method"] = action
    return out


def _android_target(key: str, param: Any) -> dict[str, Any]:
    if key == "category":
        return {
            "target_view_class": "com.google.android.material.chip.Chip",
            "target_view_name": "category_chip",
            "target_text": param.capitalize(),
        }
    cls, name, text, a11y_label = _ANDROID_ELEMENTS[key]
    if key in ("card", "result"):
        pidx = param[1] if key == "card" else param
        text = PRODUCTS[pidx][2]
    out: dict[str, Any] = {"target_view_class": cls}
    if name is not None:
        out["target_view_name"] = name
    if a11y_label is not None:
        out["target_a11y_label"] = a11y_label
    if text is not None:
        out["target_text"] = text
    return out


def _js_numbers(props: dict[str, Any]) -> dict[str, Any]:
    """What JSON.stringify writes: a whole double becomes an integer."""
    out = props
    for key in _JS_NUMBER_KEYS:
        v = props.get(key)
        if type(v) is float and v.is_integer():
            if out is props:
                out = dict(props)
            out[key] = int(v)
    return out


class _Journey:
    """Builds the steps of one session: pages, taps, inputs, track calls, identifies.

    Steps are platform neutral; `_Sampler._play` renders them for web, iOS or Android
    (a web-only step such as `submit` is skipped on the apps).
    """

    __slots__ = ("s", "r", "p", "dev", "web", "steps", "cur", "cur_param", "first_ctx", "cart")

    def __init__(self, sampler: _Sampler, p: _Person, dev: _Device, web: bool) -> None:
        self.s = sampler
        self.r = sampler.r
        self.p = p
        self.dev = dev
        self.web = web
        self.steps: list[tuple[Any, ...]] = []
        self.cur = "home"
        self.cur_param: Any = None
        self.first_ctx: dict[str, Any] = {}
        self.cart: list[tuple[int, int]] = []

    # ------------------------------------------------------------ primitives

    def page(
        self, key: str, param: Any = None, query: str | None = None, hash_: str | None = None
    ) -> None:
        if self.web:
            if key == "product":
                ctx = _PRODUCT_CTX[param]
            elif key == "blog_post":
                ctx = _BLOG_CTX[param]
            elif key == "search":
                ctx = _SEARCH_CTX[param]
            elif key == "confirm":
                ctx = {
                    "domain": SHOP,
                    "path": "/checkout/confirm",
                    "query": f"?order={param}",
                    "title": "Thank you! | Example Shop",
                }
            else:
                ctx = _PAGE_CTX[key]
            if query is not None or hash_ is not None:
                ctx = dict(ctx)
                if query is not None:
                    ctx["query"] = query
                if hash_ is not None:
                    ctx["hash"] = hash_
            if not self.steps:
                ctx = dict(ctx)  # the session may add UTM parameters to its query
                self.first_ctx = ctx
            self.steps.append(("page", key, param, ctx))
        else:
            self.steps.append(("page", key, param, None))
        self.cur = key
        self.cur_param = param

    def tap(self, key: str, param: Any = None) -> None:
        self.steps.append(("tap", key, param))

    def go(
        self, via: str, key: str, param: Any = None, via_param: Any = None, query: str | None = None
    ) -> None:
        self.steps.append(("tap", via, via_param))
        self.page(key, param, query)

    def inp(self, key: str) -> None:
        self.steps.append(("input", key, None))

    def track(self, name: str, props: dict[str, Any], timed: bool = False) -> None:
        self.steps.append(("track", name, props, timed))

    def props(self, props: dict[str, Any], timed: bool = False) -> None:
        self.steps.append(("props", props, timed))

    def product(self) -> int:
        return _PRODUCT_TABLE[int(self.r() * len(_PRODUCT_TABLE))]

    # ------------------------------------------------------------ landing

    def landing(self, intent: str, source: str | None) -> None:
        r = self.r
        if not self.web:
            if intent in ("browse", "buy") and r() < 0.12:
                self.page("product", self.product())  # opened from a push notification
            else:
                self.page("home")
            return
        u = r()
        if intent == "blog" or (source == "referral" and u < 0.3):
            self.page("blog_post", int(r() * len(BLOG_POSTS)))
        elif intent == "login" and source == "direct" and u < 0.5:
            self.page("login")
        elif intent == "account" and source == "direct" and u < 0.6:
            self.page("account")
        elif intent == "signup" and u < 0.45:
            self.page("pricing", hash_="#compare" if r() < 0.15 else None)
        elif source in ("cpc", "paid_social", "organic", "social") and u < 0.6:
            pidx = self.product()
            self.page("product", pidx, hash_="#reviews" if r() < 0.05 else None)
        elif source == "email" or (source == "cpc" and u < 0.8):
            cat = CATEGORIES[int(r() * len(CATEGORIES))]
            self.page("products", query=f"?category={cat}")
        else:
            self.page("home")

    # ------------------------------------------------------------ journeys

    def browse_pages(self, n: int, add_p: float = 0.18) -> None:
        r = self.r
        for _ in range(n):
            cur = self.cur
            if cur == "product":
                self.on_product(add_p)
                u = r()
                if u < 0.45:
                    pidx = self.product()
                    if pidx == self.cur_param:
                        pidx = (pidx + 1) % len(PRODUCTS)
                    self.go("card", "product", pidx, ("related", pidx))
                elif u < 0.7:
                    self.go("nav_shop", "products")
                elif u < 0.85 and self.cart:
                    self.go("nav_cart", "cart")
                else:
                    self.go("nav_logo", "home")
            elif cur == "products":
                if r() < 0.25:
                    self.inp("sort_select")
                if r() < 0.3:
                    cat = CATEGORIES[int(r() * len(CATEGORIES))]
                    self.go("category", "products", via_param=cat, query=f"?category={cat}")
                else:
                    pidx = self.product()
                    self.go("card", "product", pidx, ("products", pidx))
            elif cur == "cart":
                if r() < 0.2 and self.cart:
                    self.tap("cart_remove")
                    self.cart.pop()
                self.go("nav_shop", "products")
            elif cur in ("blog", "blog_post"):
                self.go("blog_cta", "products")
            elif cur == "home":
                u = r()
                if u < 0.5:
                    pidx = self.product()
                    self.go("card", "product", pidx, ("home", pidx))
                elif u < 0.8:
                    self.go("nav_shop", "products")
                else:
                    self.go("hero_cta", "products")
            else:  # account, confirm, search, pricing, login, signup: back to the shop
                if r() < 0.3:
                    self.go("nav_logo", "home")
                else:
                    self.go("nav_shop", "products")

    def on_product(self, add_p: float) -> None:
        r = self.r
        pidx = self.cur_param
        if r() < 0.35:
            if self.web:
                self.tap("gallery", 1 + int(r() * 5))
            elif self.dev.library == "iOS":
                self.steps.append(("swipe", "gallery", None))
            else:
                self.tap("gallery")
        if r() < 0.12:
            self.tap("reviews_link")
        if r() < 0.05:
            self.tap("play_video")
            self.track(
                "Video Played",
                {
                    "video_id": f"pv-{PRODUCTS[pidx][0]}",
                    "duration_s": round(5 + r() * 80, 1),
                    "autoplay": r() < 0.3,
                    "placement": "product_page",
                },
            )
        if r() < add_p:
            self.add_to_cart(pidx)

    def add_to_cart(self, pidx: int) -> None:
        r = self.r
        qty = 1
        if r() < 0.2:
            self.inp("qty")
            qty = 2 + int(r() * 3)
        pid, slug, name, category, price, _ = PRODUCTS[pidx]
        self.tap("add_to_cart")
        self.track(
            "Add To Cart",
            {
                "product_id": pid,
                "sku": f"SKU-{pid}-{COLORS[int(r() * len(COLORS))]}",
                "name": name,
                "category": category,
                "price": price,
                "quantity": qty,
                "currency": "USD",
            },
        )
        self.cart.append((pidx, qty))

    def j_browse(self) -> None:
        n = 1 + int(self.s.rng.expovariate(0.4))
        self.browse_pages(min(n, 14))

    def j_search(self) -> None:
        r = self.r
        qi = int(r() * len(SEARCHES))
        query, results = SEARCHES[qi]
        if self.web:
            self.inp("search_input")
            self.tap("search_submit")
            self.steps.append(("submit", "search_form", None))
            self.page("search", qi)
        else:
            self.go("nav_search", "search", qi)
            self.inp("search_input")
        self.track("Search", {"query": query, "results": results})
        if results and r() < 0.75:
            pidx = self.product()
            self.go("result", "product", pidx, pidx)
            self.browse_pages(1 + int(r() * 4), add_p=0.22)

    def j_blog(self) -> None:
        r = self.r
        if self.cur != "blog_post":
            self.go("nav_blog", "blog")
            self.go("blog_post", "blog_post", bi := int(r() * len(BLOG_POSTS)), bi)
        for _ in range(1 + int(r() * 2)):
            bi = self.cur_param
            video = BLOG_POSTS[bi][2]
            if video and r() < 0.5:
                self.tap("blog_video", video)
                self.track(
                    "Video Played",
                    {
                        "video_id": video,
                        "duration_s": round(10 + r() * 300, 1),
                        "autoplay": r() < 0.2,
                        "placement": "blog",
                    },
                )
            if r() < 0.1:
                self.tap("blog_share")
            if r() < 0.4:
                nxt = int(r() * len(BLOG_POSTS))
                self.go("blog_post", "blog_post", nxt, nxt)
            else:
                break
        if r() < 0.35:
            self.go("blog_cta", "products")
            self.browse_pages(1 + int(r() * 3))

    def j_buy(self) -> None:
        r = self.r
        s = self.s
        p = self.p
        if self.cur == "products":
            pidx = self.product()
            self.go("card", "product", pidx, ("products", pidx))
        for _ in range(3):
            if self.cur == "product":
                break
            self.browse_pages(1)
        self.browse_pages(int(r() * 3), add_p=0.3)
        if self.cur != "product":
            pidx = self.product()
            where = "products" if self.cur == "products" else "home"
            if self.cur != where:
                self.go("nav_shop", "products")
                where = "products"
            self.go("card", "product", pidx, (where, pidx))
        self.add_to_cart(self.cur_param)
        self.go("nav_cart", "cart")
        items = sum(q for _, q in self.cart)
        value = round(sum(PRODUCTS[i][4] * q for i, q in self.cart), 2)
        if r() < 0.25:  # abandoned at the cart
            return
        self.tap("cart_checkout")
        self.track("Checkout Started", {"cart_value": value, "items": items, "currency": "USD"})
        self.page("checkout")
        if p.identity is None:
            self.inp("co_email")
        self.inp("co_name")
        self.inp("co_address")
        if self.web:
            self.inp("co_shipping")
        if r() < 0.3:  # abandoned at checkout
            return
        if self.dev.library != "iOS" or r() < 0.5:
            self.inp("co_card")
        self.tap("place_order")
        self.steps.append(("submit", "checkout_form", None))
        s.order_seq += 1
        order_id = f"SO-{s.order_seq}"
        self.page("confirm", order_id)
        coupon = COUPONS[int(r() * len(COUPONS))] if r() < 0.2 else None
        revenue = round(value * 0.9, 2) if coupon == "WELCOME10" else value
        props: dict[str, Any] = {
            "order_id": order_id,
            "revenue": revenue,
            "items": items,
            "currency": "USD",
            "first_order": p.orders == 0,
        }
        if coupon:
            props["coupon"] = coupon
        props["delivery_date"] = _At(2 + int(r() * 6))
        props["Payment Method"] = (
            "card" if self.web else ("apple_pay" if self.dev.library == "iOS" else "google_pay")
        )
        props["Shipping Method"] = SHIPPING[int(r() * len(SHIPPING))]
        self.track("Order Completed", props, timed=True)
        self.steps.append(
            (
                "server",
                "Payment Processed",
                {
                    "amount": revenue,
                    "provider": PAY_PROVIDERS[int(r() * 5)],
                    "order_id": order_id,
                    "currency": "USD",
                    "3ds": r() < 0.4,
                },
            )
        )
        ltv = round(p.ltv + revenue, 2)
        self.steps.append(("state", {"orders": p.orders + 1, "ltv": ltv}))
        if p.identity is not None:
            self.props({"ltv": ltv, "Account Status": "Customer", "orders_count": p.orders + 1})
        if r() < 0.3:
            self.go("continue_shopping", "products")
        self.cart = []

    def new_identity(self) -> tuple[str, str]:
        r = self.r
        first = FIRST_NAMES[int(r() * len(FIRST_NAMES))]
        last = LAST_NAMES[int(r() * len(LAST_NAMES))]
        n = self.p.index
        return (
            f"{first}.{last}{n}@{MAIL_DOMAINS[int(r() * len(MAIL_DOMAINS))]}",
            f"{first}{last[0]}{n}",
        )

    def j_signup(self) -> None:
        r = self.r
        p = self.p
        plan = "free"
        if self.cur == "pricing":
            if r() < 0.3:
                self.tap("pricing_toggle")
            plan = PLANS[int(r() * 3)]
            self.go("plan_cta", "signup", via_param=plan, query=f"?plan={plan}")
        elif self.cur == "home" and r() < 0.4:
            self.go("nav_pricing", "pricing")
            plan = PLANS[int(r() * 3)]
            self.go("plan_cta", "signup", via_param=plan, query=f"?plan={plan}")
        else:
            if self.cur != "home":
                self.browse_pages(1 + int(r() * 2))
            self.go("nav_signup", "signup")
        self.inp("su_email")
        self.inp("su_password")
        company = None
        if r() < 0.5:
            self.inp("su_company")
            company = (1, 1, 2, 5, 10, 25, 50, 120, 500)[int(r() * 9)]
        self.tap("su_submit")
        self.steps.append(("submit", "signup_form", None))
        identity, handle = self.new_identity()
        self.track(
            "Signed Up",
            {"plan": plan, "referral": r() < 0.15, "method": "email" if r() < 0.8 else "google"},
        )
        self.steps.append(
            (
                "state",
                {
                    "identity": identity,
                    "handle": handle,
                    "identified_at": _NOW,
                    "plan": plan,
                    # a paid plan starts its monthly subscription now
                    "upgraded_at": _NOW if plan != "free" else None,
                },
            )
        )
        self.steps.append(("identify", identity))
        self.props({"email": identity, "handle": handle})
        profile: dict[str, Any] = {
            "plan": plan,
            "signup_at": _At(0),
            "is_trial": plan != "free",
            "Account Status": "Trial" if plan != "free" else "Active",
            "newsletter": p.newsletter,
        }
        if company is not None:
            profile["company_size"] = company
        self.props(profile, timed=True)
        self.page("account", query="?welcome=1")

    def j_login(self) -> None:
        r = self.r
        p = self.p
        if self.cur != "login":
            self.go("nav_login" if self.web or r() < 0.5 else "nav_account", "login")
        self.inp("li_email")
        self.inp("li_password")
        if r() < 0.06:  # a wrong password first
            self.tap("li_submit")
            self.steps.append(("submit", "login_form", None))
            self.page("login", query="?error=invalid_credentials")
            self.inp("li_password")
        self.tap("li_submit")
        self.steps.append(("submit", "login_form", None))
        if p.identity is None:  # an existing member, identified for the first time
            identity, handle = self.new_identity()
            ltv = round(20 + r() * 900, 2)
            self.steps.append(
                (
                    "state",
                    {"identity": identity, "handle": handle, "identified_at": _NOW, "ltv": ltv},
                )
            )
            self.steps.append(("identify", identity))
            self.props({"email": identity, "handle": handle})
            self.props(
                {
                    "plan": p.plan,
                    "Account Status": "Active",
                    "is_trial": False,
                    "company_size": (1, 2, 10, 50, 200)[int(r() * 5)],
                    "ltv": ltv,
                }
            )
        else:  # the same identity on this device (a second device migrates here)
            assert p.handle is not None
            self.steps.append(("identify", p.identity))
            self.props({"email": p.identity, "handle": p.handle})
        self.page("account")
        if r() < 0.6:
            self.browse_pages(1 + int(r() * 4))

    def j_account(self) -> None:
        r = self.r
        p = self.p
        if self.cur != "account":
            self.go("nav_account", "account")
        if r() < 0.4:
            self.tap("acct_orders")
        if p.plan == "free" and r() < 0.25:
            self.go("acct_upgrade", "pricing")
            to_plan = "pro" if r() < 0.8 else "team"
            self.tap("plan_cta", to_plan)
            self.track(
                "Plan Upgraded", {"from_plan": p.plan, "to_plan": to_plan, "annual": r() < 0.3}
            )
            self.steps.append(("state", {"plan": to_plan, "upgraded_at": _NOW}))
            self.props({"plan": to_plan, "is_trial": False, "Account Status": "Active"})
        elif r() < 0.15:
            # optional profile fields cleared later: keys explicitly set to JSON null
            self.props(
                {"company_size": None} if r() < 0.5 else {"newsletter": None, "is_trial": None}
            )
        if r() < 0.5:
            self.browse_pages(1 + int(r() * 3))

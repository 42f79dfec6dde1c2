#!/usr/bin/env python3
"""Behavioural tests of caption extraction in the manner of CheckList (Ribeiro et al., ACL 2020).

usage: checklist.py --cli build/bin/vendly-extract [--verbose] [--group PREFIX] [--dump CASES.jsonl]

Cases are generated from templates (items, currencies and their spellings, English / Swahili / Sheng
phrasing, layouts) with a fixed seed, so every run sees the same cases. Three kinds of test:
  MFT  minimum functionality: one group per phenomenon of issue 10 and of shared/data/LABELING.md;
  INV  invariance: a rewrite (digit grouping, currency spelling, noise lines, upper case, line order)
       must not change the fields the case states;
  DIR  directional: a base post and the same post with one change (an old price, SOLD OUT, a second
       item line); the base must give the base fields and the changed post the changed ones.
Every case states its expected fields, written from LABELING.md, never read from the engine's output.
vendly-extract runs once over all captions (JSON lines in and out). Floors per group live in
checklist_floors.json beside this file; the run fails when a group drops below its floor, when a
group has no floor, or when fewer than MIN_CASES cases are generated. A failing case prints its
caption and each failing field (expected vs got); without --verbose at most SHOW failures per group.
The summary ends with "confident and wrong": of the cases with a wrong field, the share whose wrong
product has confidence >= 0.9 (auto-approve would publish it); the run fails when that share is above
confident_wrong_ceiling in checklist_floors.json (lower it when the confidence improves, never raise it
to make a change pass).
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from score_extraction import name_ok, num_eq, norm_set, tokens  # noqa: E402

MIN_CASES = 3000
AUTO_APPROVE = 0.9  # the registry's default auto-approve threshold (kDefaultAutoApproveThreshold)
SHOW = 3
SEED = 20201010
NBSP = "\u00a0"

# ---------------------------------------------------------------------------------------------
# Lexicon: items a seller in East Africa posts. kes is a typical KES price; the other currencies
# are derived from it (rounded the way sellers round).
# name_any: alternative keyword lists, any of which an acceptable name must contain (LABELING.md's
# name_keywords; several lists where the seller's Swahili and English names are both acceptable).
# ---------------------------------------------------------------------------------------------
FASHION, ELEC, HOME, BEAUTY, FOOD, SPORTS, BOOKS, TOYS, OTHER = (
    "Fashion & Apparel", "Electronics & Gadgets", "Home & Living", "Beauty & Personal Care",
    "Food & Beverages", "Sports & Fitness", "Books & Media", "Toys & Games", "Other")

# (title as typed, name keyword lists, category, KES price)
ITEMS = [
    ("Oversized hoodies", [["hoodie"]], FASHION, 2200),
    ("Mom jeans", [["mom", "jeans"]], FASHION, 1800),
    ("Ankara maxi dress", [["ankara", "dress"]], FASHION, 3500),
    ("Leather sandals", [["leather", "sandal"]], FASHION, 1500),
    ("Kitenge shirt", [["kitenge", "shirt"]], FASHION, 2500),
    ("Denim jacket", [["denim", "jacket"]], FASHION, 3200),
    ("Chelsea boots", [["chelsea", "boot"]], FASHION, 4800),
    ("Tote bag", [["tote", "bag"]], FASHION, 1400),
    ("Men's loafers", [["loafer"]], FASHION, 3800),
    ("Ladies block heels", [["block", "heel"]], FASHION, 2700),
    ("Samsung Galaxy A15", [["galaxy", "a15"]], ELEC, 18500),
    ("Tecno Spark 20", [["tecno", "spark"]], ELEC, 14500),
    ("JBL Flip 6 speaker", [["jbl", "speaker"], ["jbl", "flip"]], ELEC, 9800),
    ("Oraimo wireless earbuds", [["earbud"]], ELEC, 2600),
    ("HP EliteBook 840 G5", [["elitebook"]], ELEC, 42000),
    ("Wireless mouse", [["mouse"]], ELEC, 900),
    ("Electric kettle", [["kettle"]], HOME, 2300),
    ("Non-stick cooking pots set", [["pot"]], HOME, 6500),
    ("Cotton duvet", [["duvet"]], HOME, 3600),
    ("Blackout curtains", [["curtain"]], HOME, 4200),
    ("Shea butter", [["shea", "butter"]], BEAUTY, 800),
    ("Bone straight wig", [["wig"]], BEAUTY, 12500),
    ("Vitamin C serum", [["serum"]], BEAUTY, 1600),
    ("Chocolate cake", [["chocolate", "cake"]], FOOD, 2500),
    ("Pure honey 1kg", [["honey"]], FOOD, 1200),
    ("Yoga mat", [["yoga", "mat"]], SPORTS, 1900),
    ("Adjustable dumbbells", [["dumbbell"]], SPORTS, 7500),
    ("Kids building blocks", [["block"]], TOYS, 1700),
    ("Teddy bear", [["teddy"]], TOYS, 2100),
]

# Item nouns per category of LABELING.md, as sellers in Kenya, Uganda, Tanzania and Rwanda write them
# (English, Swahili, Sheng; singular and plural): the category of a post naming one of them.
CATEGORY_NOUNS = {
    FASHION: ['dress', 'dresses', 'maxi dress', 'bodycon dress', 'gown', 'skirts', 'mini skirt', 'blouses',
        'shirts', 't-shirts', 'tshirts', 'polo shirts', 'hoodies', 'sweaters', 'sweatshirt', 'jackets',
        'puffer jacket', 'bomber jacket', 'trench coat', 'blazers', 'suits', 'trousers', 'pants', 'mom jeans',
        'cargo pants', 'chinos', 'leggings', 'joggers', 'jumpsuit', 'dungarees', 'overalls', 'kimono',
        'kaftans', 'agbada', 'kitenge', 'kanga', 'kangas', 'kikoi', 'gomesi', 'kanzu', 'abayas', 'hijabs',
        'scarves', 'hats', 'bucket hat', 'caps', 'beanies', 'sneakers', 'heels', 'stilettos', 'sandals',
        'slides', 'boots', 'loafers', 'slippers', 'flip flops', 'crocs', 'wedges', 'brogues', 'handbags',
        'tote bag', 'backpacks', 'clutch', 'purse', 'wallet', 'belts', 'necklaces', 'earrings', 'bracelets',
        'anklets', 'rings', 'pendant', 'sunglasses', 'socks', 'boxers', 'underwear', 'bras', 'lingerie',
        'panties', 'vests', 'camisole', 'crop top', 'tank top', 'bodysuit', 'pyjamas', 'pajamas', 'nightdress',
        'nightie', 'sleepwear', 'robe', 'dera', 'diras', 'viatu', 'raba', 'suruali', 'sketi', 'shati',
        'mashati', 'gauni', 'magauni', 'kofia', 'mkoba', 'mikoba', 'pochi', 'mkanda', 'soksi', 'sweta',
        'jaketi', 'koti', 'mtumba bales', 'dashiki', 'bow tie', 'cufflinks', 'brooch', 'school uniform',
        'chelsea boots', 'ankle boots', 'sweatpants', 'cardigan', 'cardigans', 'trench coats', 'tunic',
        'palazzo pants', 'culottes', 'maxi skirt', 'kitenge dress', 'ankara dress', 'two piece set',
        'co-ord set', 'jumpsuits', 'jean jacket', 'denim jacket', 'leather jacket', 'fedora', 'beret',
        'turban', 'headwrap', 'durag', 'duku'],
    ELEC: ['phone', 'phones', 'smartphone', 'iphone 13', 'samsung galaxy a14', 'tecno camon 20',
        'infinix hot 30', 'itel a70', 'laptop', 'laptops', 'macbook air', 'tablets', 'ipad', 'earbuds',
        'earphones', 'headphones', 'headset', 'airpods', 'speaker', 'bluetooth speaker', 'soundbar',
        'subwoofer', 'woofer', 'tv', 'television', 'smart tv', 'decoder', 'router', 'modem', 'mifi',
        'power bank', 'powerbank', 'charger', 'chargers', 'charging cable', 'usb cable', 'adapter',
        'flash disk', 'flash drive', 'memory card', 'hard disk', 'ssd', 'keyboard', 'mouse', 'monitor',
        'printer', 'scanner', 'projector', 'camera', 'webcam', 'dashcam', 'cctv camera', 'smartwatch',
        'smart watch', 'playstation 5', 'xbox', 'game console', 'controller', 'gamepad', 'microphone',
        'ring light', 'tripod', 'selfie stick', 'inverter', 'solar panel', 'stabilizer', 'extension cable',
        'radio', 'chaja', 'spika', 'calculator', 'phone case', 'phone cover', 'screen protector', 'hdmi cable',
        'gaming mouse', 'graphics card', 'desktop computer', 'cpu', 'ram', 'pendrive', 'sim card',
        'walkie talkie', 'home theatre', 'amplifier', 'ps4 games', 'vr headset', 'kindle', 'e-reader'],
    HOME: ['sofa', 'sofas', 'couch', 'sofa set', 'coffee table', 'dining table', 'chairs', 'stool', 'mattress',
        'mattresses', 'duvet', 'duvets', 'bedsheets', 'bed sheets', 'pillows', 'pillowcases', 'blankets',
        'curtains', 'sheers', 'carpet', 'carpets', 'rugs', 'doormat', 'towels', 'bath towel', 'mirror',
        'wall clock', 'vases', 'candles', 'lamp', 'lamps', 'bulbs', 'wall art', 'picture frames', 'shelves',
        'wardrobe', 'cabinet', 'sufuria', 'sufurias', 'pots', 'pans', 'frying pan', 'cooking pots', 'knives',
        'knife set', 'cutlery', 'spoons', 'plates', 'cups', 'mugs', 'wine glasses', 'jug', 'flask', 'thermos',
        'kettle', 'electric kettle', 'blender', 'juicer', 'oven', 'gas cooker', 'jiko', 'iron box',
        'water dispenser', 'standing fan', 'air fryer', 'toaster', 'sandwich maker', 'rice cooker',
        'pressure cooker', 'dinner set', 'trays', 'baskets', 'laundry basket', 'hangers', 'storage box',
        'containers', 'lunch box', 'cushions', 'throw pillows', 'tablecloth', 'placemats', 'godoro', 'mito',
        'meza', 'viti', 'kabati', 'sahani', 'vikombe', 'taulo', 'mapazia', 'pazia', 'mashuka', 'blanketi',
        'kochi', 'makochi', 'mkeka', 'mosquito net', 'shower curtain', 'dustbin', 'broom', 'mop', 'ndoo',
        'bucket', 'chopping board', 'serving bowls', 'cooking spoons', 'spice rack', 'dish rack', 'shoe rack',
        'bookshelf', 'tv stand', 'bedside table', 'ottoman', 'recliner', 'bean bag', 'air freshener',
        'diffuser', 'scented candles', 'pot holders', 'oven gloves', 'bath mat', 'toilet brush',
        'ironing board'],
    BEAUTY: ['lotion', 'body lotion', 'face cream', 'body butter', 'shea butter', 'cocoa butter', 'serum',
        'face serum', 'toner', 'cleanser', 'face wash', 'sunscreen', 'moisturizer', 'moisturiser', 'perfume',
        'perfumes', 'cologne', 'body mist', 'body spray', 'deodorant', 'roll on', 'lipstick', 'lip gloss',
        'lipgloss', 'lip balm', 'mascara', 'eyeliner', 'eyeshadow palette', 'foundation', 'concealer',
        'face powder', 'blush', 'highlighter', 'primer', 'setting spray', 'makeup brushes', 'beauty blender',
        'nail polish', 'press on nails', 'lashes', 'eyelashes', 'wigs', 'weave', 'hair extensions', 'braids',
        'bundles', 'frontal wig', 'closure wig', 'lace wig', 'shampoo', 'conditioner', 'hair oil', 'hair food',
        'leave in conditioner', 'relaxer', 'hair gel', 'edge control', 'beard oil', 'soap', 'black soap',
        'body scrub', 'face mask', 'sheet mask', 'toothpaste', 'toothbrush', 'razor', 'shaving cream',
        'aftershave', 'hand sanitizer', 'hand cream', 'henna', 'hair dryer', 'hair straightener',
        'hair clipper', 'shaver', 'trimmer', 'sabuni', 'manukato', 'marashi', 'losheni', 'wigi', 'mawigi',
        'body oil', 'castor oil', 'rosemary oil', 'coconut oil', 'hair growth oil', 'perfume oil', 'oud',
        'attar', 'body wash', 'shower gel', 'bath bombs', 'feminine wash', 'sanitary pads', 'nail glue',
        'acrylic nails', 'lip liner', 'brow pencil', 'contour kit', 'makeup kit', 'skincare set',
        'vitamin c serum', 'niacinamide serum', 'retinol cream', 'dark spot corrector', 'stretch mark cream'],
    FOOD: ['cake', 'cakes', 'birthday cake', 'cupcakes', 'cookies', 'biscuits', 'bread', 'doughnuts', 'donuts',
        'mandazi', 'maandazi', 'samosas', 'chapati', 'chapatis', 'pizza', 'burger', 'burgers', 'chips',
        'fries', 'chicken', 'kuku', 'chicken wings', 'sausages', 'smokies', 'eggs', 'mayai', 'milk', 'yoghurt',
        'yogurt', 'mala', 'juice', 'smoothies', 'coffee', 'tea', 'chai', 'honey', 'asali', 'jam',
        'peanut butter', 'rice', 'mchele', 'sugar', 'sukari', 'flour', 'maize flour', 'wheat flour', 'beans',
        'maharagwe', 'ndengu', 'lentils', 'green grams', 'cooking oil', 'salt', 'spices', 'pilau masala',
        'tomatoes', 'onions', 'potatoes', 'viazi', 'avocados', 'mangoes', 'bananas', 'ndizi', 'oranges',
        'watermelon', 'pineapples', 'fruits', 'vegetables', 'sukuma wiki', 'kales', 'cabbage', 'spinach',
        'beef', 'goat meat', 'nyama', 'mutton', 'pork', 'fish', 'samaki', 'tilapia', 'omena', 'dagaa',
        'prawns', 'meat pies', 'snacks', 'popcorn', 'crisps', 'peanuts', 'groundnuts', 'cashew nuts',
        'macadamia nuts', 'dates', 'chocolate', 'chocolates', 'sweets', 'candy', 'lollipops', 'ice cream',
        'drinking water', 'soda', 'wine', 'whisky', 'beer', 'gin', 'vodka', 'energy drink', 'ghee', 'butter',
        'cheese', 'nyama choma', 'mishkaki', 'mutura', 'ugali', 'githeri', 'matoke', 'rolex', 'katogo',
        'pilau', 'biryani', 'shawarma', 'kebabs', 'sandwiches', 'soup', 'noodles', 'spaghetti', 'pasta',
        'cereal', 'oats', 'granola', 'porridge', 'uji', 'chin chin', 'puff puff', 'zobo', 'kunu', 'suya',
        'jollof rice', 'fried rice', 'egusi', 'garri', 'plantain chips', 'brochettes', 'isombe', 'sambaza',
        'mandazi mix', 'baking flour', 'vanilla essence', 'food colour', 'cake toppers', 'fruit salad',
        'meal prep', 'lunch boxes meals', 'catering', 'bbq'],
    SPORTS: ['dumbbells', 'dumbbell', 'kettlebell', 'kettlebells', 'barbell', 'weight plates', 'yoga mat',
        'gym mat', 'resistance bands', 'skipping rope', 'jump rope', 'treadmill', 'exercise bike',
        'spinning bike', 'bicycle', 'mountain bike', 'soccer ball', 'basketball', 'volleyball', 'netball',
        'rugby ball', 'tennis racket', 'badminton racket', 'shuttlecocks', 'golf clubs', 'boxing gloves',
        'punching bag', 'gym gloves', 'gym bag', 'football boots', 'studs', 'shin guards', 'goalkeeper gloves',
        'swimming goggles', 'roller skates', 'skateboard', 'cycling helmet', 'whey protein', 'protein powder',
        'creatine', 'pre workout', 'ab roller', 'exercise ball', 'dartboard', 'table tennis table',
        'ping pong paddles', 'boxing bag', 'weight bench', 'gym equipment', 'fitness equipment', 'leg weights',
        'ankle weights', 'hula hoop', 'foam roller', 'yoga blocks', 'trampoline', 'cricket bat',
        'hockey stick'],
    BOOKS: ['book', 'books', 'novel', 'novels', 'storybook', 'story books', 'textbook', 'textbooks', 'kitabu',
        'vitabu', 'bible', 'quran', 'hymn book', 'dictionary', 'atlas', 'notebooks', 'exercise books',
        'journal', 'planner', 'diary', 'magazine', 'magazines', 'comics', 'cd', 'vinyl records', 'album',
        'audiobook', 'ebook', 'revision books', 'past papers', 'colouring book', 'coloring book',
        "children's books", 'cookbook', 'biography', 'autobiography', 'self help books', 'poetry book',
        'manga'],
    TOYS: ['toys', 'teddy bear', 'teddy', 'dolls', 'barbie doll', 'lego', 'building blocks', 'puzzle',
        'puzzles', 'jigsaw puzzle', 'board game', 'board games', 'monopoly', 'scrabble', 'uno cards',
        'playing cards', 'toy car', 'toy cars', 'remote control car', 'rc car', 'action figures',
        'stuffed animals', 'plush toys', 'kite', 'ball pit', 'play tent', 'slime', 'fidget spinner',
        "rubik's cube", 'yo-yo', 'water gun', 'toy gun', 'ride on car', 'rattle', 'stacking rings',
        'play dough', 'tricycle', 'doll house', 'dollhouse', 'train set', 'educational toys', 'baby toys',
        'musical toys', 'toy kitchen set', 'pop it', 'squishy', 'marbles', 'walkie talkie toy',
        'dinosaur toys', 'toy blocks'],
    OTHER: ['car tyres', 'tyres', 'rims', 'side mirror', 'headlights', 'car seat covers', 'car mats',
        'spare parts', 'motorbike', 'dog food', 'cat food', 'dog collar', 'bird cage', 'fish tank', 'flowers',
        'bouquet', 'roses', 'seedlings', 'fertilizer', 'cement', 'paint', 'wheelbarrow', 'jembe', 'panga',
        'hammer', 'drill', 'toolbox', 'padlock', 'stationery', 'pens', 'pencils', 'gift hamper', 'hampers',
        'gift box', 'gift card', 'voucher', 'tickets', 'umbrella', 'chicks', 'broilers', 'layers', 'heifer',
        'water tank', 'mabati', 'iron sheets', 'timber', 'bolts', 'welding machine', 'car wash',
        'car perfume', 'engine oil', 'car battery', 'sacks'],
}

CURRENCIES = ["KES", "UGX", "TZS", "RWF", "NGN", "USD"]
# Every spelling of each currency a seller types; (mark, position, joiner).
MARKS = {
    "KES": [("Ksh", "pre", " "), ("Kshs", "pre", " "), ("KES", "pre", " "), ("Sh", "pre", " "),
            ("Shs", "pre", " "), ("bob", "post", " "), ("Ksh.", "pre", " ")],
    "UGX": [("UGX", "pre", " "), ("USh", "pre", " "), ("Ugx", "pre", " "), ("Shs", "pre", " "),
            ("UGX", "post", " ")],
    "TZS": [("TSh", "pre", " "), ("TZS", "pre", " "), ("Tsh", "pre", " "), ("TSh", "post", " ")],
    "RWF": [("Frw", "post", " "), ("Rwf", "post", " "), ("RWF", "pre", " "), ("Frw", "pre", " ")],
    "NGN": [("₦", "pre", ""), ("NGN", "pre", " "), ("N", "pre", "")],
    "USD": [("$", "pre", ""), ("USD", "pre", " "), ("USD", "post", " ")],
}
MAIN_MARK = {"KES": ("Ksh", "pre", " "), "UGX": ("UGX", "pre", " "), "TZS": ("TSh", "pre", " "),
             "RWF": ("Frw", "post", " "), "NGN": ("₦", "pre", ""), "USD": ("$", "pre", "")}
PHONE = {"KES": "0712 345 678", "UGX": "0772 345 678", "TZS": "0754 321 987", "RWF": "0788 123 456",
         "NGN": "0803 123 4567", "USD": "+254 712 345 678"}
CITY = {"KES": "Nairobi", "UGX": "Kampala", "TZS": "Dar", "RWF": "Kigali", "NGN": "Lagos", "USD": "Nairobi"}


def convert(kes, cur):
    """A KES price in another currency, rounded the way a seller there would round it."""
    if cur == "KES":
        return kes
    if cur == "UGX":
        return max(1000, round(kes * 28 / 1000) * 1000)
    if cur == "TZS":
        return max(500, round(kes * 18 / 500) * 500)
    if cur == "RWF":
        return max(100, round(kes * 9 / 100) * 100)
    if cur == "NGN":
        return max(500, round(kes * 11 / 500) * 500)
    return max(5, round(kes / 130))


def group(n, sep):
    s = str(n)
    out = []
    while len(s) > 3:
        out.insert(0, s[-3:])
        s = s[:-3]
    out.insert(0, s)
    return sep.join(out)


def k_form(n):
    """2500 -> 2.5k, 45000 -> 45k; None when a seller would not write it that way."""
    if n < 1000 or n % 100 or n >= 1000000:
        return None
    whole, rest = divmod(n, 1000)
    return f"{whole}k" if rest == 0 else f"{whole}.{rest // 100}k"


# Digit-grouping spellings of an amount (issue 10, INV): name -> function or None when not usable.
def grouping_forms(n, cur):
    forms = {
        "comma": group(n, ","),
        "space": group(n, " "),
        "nbsp": group(n, NBSP),
        # "45.000" is how Rwandan and some Tanzanian, Ugandan and Kenyan sellers group; "/=" and "/-"
        # end amounts in East Africa only
        "dot": group(n, ".") if cur not in ("USD", "NGN") else None,
        "none": str(n),
        "slash_eq": group(n, ",") + "/=" if cur in ("KES", "UGX", "TZS") else None,
        "slash_dash": str(n) + "/-" if cur in ("KES", "UGX", "TZS") else None,
        "k": k_form(n),
    }
    return forms


def with_mark(amount_text, mark):
    m, pos, j = mark
    if m is None:
        return amount_text
    return f"{m}{j}{amount_text}" if pos == "pre" else f"{amount_text}{j}{m}"


def money(n, cur, mark=None, style="comma"):
    return with_mark(grouping_forms(n, cur)[style] or group(n, ","), mark or MAIN_MARK[cur])


# Price lines in the three voices.
PRICE_LINES = {
    "en": ["Price: {p}", "{p} only", "Now going for {p}", "Price {p} 🔥", "Get yours at {p}"],
    "sw": ["Bei: {p}", "Bei ni {p} tu", "Kwa {p} pekee", "Bei poa {p}"],
    "sheng": ["Ni {p} tu mse", "Doh ni {p} pekee", "Ziko {p} tu", "Hii ni {p} fiti"],
}
TITLE_FX = {
    "en": ["{t} 🔥", "New arrivals: {t}", "{t} now in stock ✨", "{t} restocked!!"],
    "sw": ["{t} zimefika 🔥", "{t} mpya dukani", "{t} ziko sasa!", "Tumepokea {t} ✨"],
    "sheng": ["{t} noma sana 🔥", "Mse {t} zimeland", "{t} kali kabisa 💯", "Form ni {t} 😍"],
}
CTA = {
    "en": ["DM to order 📩", "Order now, delivery countrywide 🚚", "Tap the link in bio to order"],
    "sw": ["Agiza sasa 📩", "Tuma DM kuagiza", "Tunaleta mpaka mlangoni 🚚"],
    "sheng": ["Niinbox mse 📩", "Chapa DM tukuletee", "Delivery tunafanya kila mtaa 🚚"],
}
LANGS = ["en", "sw", "sheng"]


def post(caption, cur, media="IMAGE", children=1):
    return {"caption": caption, "store_currency": cur, "media_type": media, "children": children}


def product(name_any, price, cur, **kw):
    p = {"name_any": name_any, "price": price, "currency": cur}
    p.update(kw)
    return p


class Suite:
    def __init__(self):
        self.cases = []
        self.rng = random.Random(SEED)

    def add(self, group_name, kind, p, expect, check, base=None, note=""):
        """expect: {"is_product": bool, "products": [...]}; check: the product fields compared."""
        self.cases.append({"group": group_name, "type": kind, "post": p, "expect": expect,
                           "check": check, "base": base, "note": note})

    def pick(self, xs):
        return self.rng.choice(xs)


# ---------------------------------------------------------------------------------------------
# A plain single-item post, the base most tests rewrite.
# ---------------------------------------------------------------------------------------------
def plain_lines(s, item, cur, lang, price_text):
    title, _, _, _ = item
    return [s.pick(TITLE_FX[lang]).format(t=title), s.pick(PRICE_LINES[lang]).format(p=price_text),
            s.pick(CTA[lang])]


def plain_expect(item, cur, price, **kw):
    _, name_any, cat, _ = item
    return {"is_product": True, "products": [product(name_any, price, cur, category=cat, **kw)]}


# ---------------------------------------------------------------------------------------------
# INV: digit grouping, currency marks, noise lines, upper case, line order.
# ---------------------------------------------------------------------------------------------
def gen_inv(s):
    for item in ITEMS:
        for cur in CURRENCIES:
            n = convert(item[3], cur)
            if n < 1000:
                continue
            lang = s.pick(LANGS)
            for style, text in grouping_forms(n, cur).items():
                if text is None:
                    continue
                mark = s.pick(MARKS[cur])
                if style in ("slash_eq", "slash_dash") and mark[1] == "post":
                    mark = MAIN_MARK[cur] if MAIN_MARK[cur][1] == "pre" else (None, "pre", "")
                lines = plain_lines(s, item, cur, lang, with_mark(text, mark))
                s.add(f"inv_grouping_{style}", "INV", post("\n".join(lines), cur),
                      plain_expect(item, cur, n), ["price", "currency"])
            # bare amount with the store's currency
            lines = plain_lines(s, item, cur, lang, group(n, ","))
            s.add("inv_mark_none", "INV", post("\n".join(lines), cur), plain_expect(item, cur, n),
                  ["price", "currency"])
    for item in ITEMS:
        for cur in CURRENCIES:
            n = convert(item[3], cur)
            lang = s.pick(LANGS)
            for mark in MARKS[cur]:
                lines = plain_lines(s, item, cur, lang, money(n, cur, mark))
                s.add(f"inv_mark_{cur.lower()}", "INV", post("\n".join(lines), cur),
                      plain_expect(item, cur, n), ["price", "currency"])
    noise = {
        "phone": lambda cur: s.pick(["Call/WhatsApp {ph}", "WhatsApp {ph} 📲", "Piga {ph}",
                                     "Order via {ph}"]).format(ph=PHONE[cur]),
        "till": lambda cur: {"KES": s.pick(["Till no: 5512873", "Buy goods till 881234", "Lipa na M-Pesa till 5512873",
                                            "Paybill 522522 Acc 7788990"]),
                             "UGX": s.pick(["MoMo pay code 402211", "Airtel merchant code 1234567"]),
                             "TZS": s.pick(["Lipa namba 5566778", "M-Pesa Lipa namba 6677889"]),
                             "RWF": s.pick(["MoMo pay *182*8*1*042211#", "MoMo code 042211"]),
                             "NGN": s.pick(["Acct no 0123456789 GTBank", "Pay to 2034567891 (Opay)"]),
                             "USD": s.pick(["Paybill 522522 Acc 7788990", "Till no: 5512873"])}[cur],
        "delivery": lambda cur: s.pick(["Delivery within {c} {f}", "Delivery fee {f}", "Usafirishaji {c} {f}",
                                        "Delivery {f} to any stage in {c}"]).format(
            c=CITY[cur], f=money({"KES": 200, "UGX": 5000, "TZS": 3000, "RWF": 1000, "NGN": 2500,
                                  "USD": 3}[cur], cur)),
        "hashtags": lambda cur: s.pick(["#shoplocal #smallbusiness #{c}deals", "#{c}fashion #newarrivals #trending",
                                        "#buylocal #{c}online #sokoni"]).format(c=CITY[cur].lower()),
        "emoji": lambda cur: s.pick(["🔥🔥🔥", "💯💯 ✨✨", "😍😍😍 🛍️", "👇🏾👇🏾👇🏾"]),
    }
    for item in ITEMS:
        for cur in CURRENCIES:
            n = convert(item[3], cur)
            lang = s.pick(LANGS)
            base = plain_lines(s, item, cur, lang, money(n, cur))
            for kind, make in noise.items():
                lines = list(base)
                for _ in range(2 if kind in ("phone", "emoji") else 1):
                    lines.insert(s.rng.randint(1, len(lines)), make(cur))
                s.add(f"inv_noise_{kind}", "INV", post("\n".join(lines), cur), plain_expect(item, cur, n),
                      ["name", "price", "currency"])
    for item in ITEMS:
        for cur in CURRENCIES:
            n = convert(item[3], cur)
            lang = s.pick(LANGS)
            lines = plain_lines(s, item, cur, lang, money(n, cur, s.pick(MARKS[cur])))
            s.add("inv_upper_case", "INV", post("\n".join(lines).upper(), cur), plain_expect(item, cur, n),
                  ["name", "price", "currency", "category"])
    # line order: the colour, size, price and contact lines of a post can come in any order.
    shoe_like = [("Leather sandals", [["leather", "sandal"]], FASHION, 1500, ["38", "39", "40", "41"]),
                 ("Chelsea boots", [["chelsea", "boot"]], FASHION, 4800, ["40", "41", "42", "43"]),
                 ("Ankara maxi dress", [["ankara", "dress"]], FASHION, 3500, ["S", "M", "L", "XL"]),
                 ("Oversized hoodies", [["hoodie"]], FASHION, 2200, ["M", "L", "XL", "XXL"]),
                 ("Kitenge shirt", [["kitenge", "shirt"]], FASHION, 2500, ["M", "L", "XL"])]
    size_text = {("38", "39", "40", "41"): "Sizes 38-41", ("40", "41", "42", "43"): "Sizes 40 to 43",
                 ("S", "M", "L", "XL"): "Sizes: S, M, L, XL", ("M", "L", "XL", "XXL"): "Sizes M, L, XL, XXL",
                 ("M", "L", "XL"): "Sizes M - XL"}
    colour_sets = [(["black", "brown"], "Colours: black, brown"), (["red", "white"], "Rangi: nyekundu, nyeupe"),
                   (["blue", "grey"], "Available in blue & grey"), (["green"], "Colour: kijani (green)")]
    for t, name_any, cat, kes, sizes in shoe_like:
        for cur in CURRENCIES:
            n = convert(kes, cur)
            cols, ctext = s.pick(colour_sets)
            body = [size_text[tuple(sizes)], ctext, s.pick(PRICE_LINES["en"]).format(p=money(n, cur)),
                    noise["phone"](cur)]
            exp = {"is_product": True, "products": [product(name_any, n, cur, category=cat, sizes=sizes,
                                                            colors=cols)]}
            for _ in range(4):
                order = list(body)
                s.rng.shuffle(order)
                cap = "\n".join([f"{t} ✨"] + order)
                s.add("inv_line_order", "INV", post(cap, cur), exp,
                      ["name", "price", "currency", "sizes", "colors"])


# ---------------------------------------------------------------------------------------------
# DIR: an old price, SOLD OUT, a second item line.
# ---------------------------------------------------------------------------------------------
OLD_CUES = ["(was {o})", "was {o}", "Before: {o}", "Initially {o}", "Ilikuwa {o}", "Bei ya zamani {o}"]
SECOND_ITEMS = [("Mini crossbody bag", [["crossbody", "bag"]], FASHION, 1200),
                ("Black bodycon dress", [["bodycon", "dress"]], FASHION, 1500),
                ("Power bank 20000mAh", [["power", "bank"]], ELEC, 2800),
                ("Scented candle", [["candle"]], HOME, 900),
                ("Body lotion 400ml", [["lotion"]], BEAUTY, 750)]


def gen_dir(s):
    for item in ITEMS:
        for cur in CURRENCIES:
            n = convert(item[3], cur)
            old = convert(int(round(item[3] * 1.25 / 100) * 100), cur)
            if old <= n:
                continue
            lang = s.pick(LANGS)
            lines = plain_lines(s, item, cur, lang, money(n, cur))
            base = {"post": post("\n".join(lines), cur), "expect": plain_expect(item, cur, n, compare_at_price=None)}
            cue = s.pick(OLD_CUES).format(o=money(old, cur) if s.rng.random() < 0.5 else group(old, ","))
            changed = list(lines)
            if cue.startswith("(") or cue.startswith("was"):
                changed[1] = changed[1] + " " + cue
            else:
                changed.insert(2, cue)
            s.add("dir_old_price", "DIR", post("\n".join(changed), cur),
                  plain_expect(item, cur, n, compare_at_price=old), ["price", "compare_at_price"], base=base)

            lines = plain_lines(s, item, cur, lang, money(n, cur))
            base = {"post": post("\n".join(lines), cur), "expect": plain_expect(item, cur, n, sold_out=False)}
            changed = list(lines)
            changed.insert(s.rng.randint(0, len(changed)), s.pick(["SOLD OUT", "SOLD OUT 🚫", "❌ SOLD OUT ❌",
                                                                   "SOLD OUT, thank you fam"]))
            s.add("dir_sold_out", "DIR", post("\n".join(changed), cur), plain_expect(item, cur, n, sold_out=True),
                  ["price", "sold_out"], base=base)

            second = s.pick([x for x in SECOND_ITEMS if x[0] != item[0]])
            n2 = convert(second[3], cur)
            sep = s.pick([" - ", " – ", ": ", " @ "])
            numbered = s.rng.random() < 0.5
            first_line = ("1. " if numbered else "📌 ") + item[0] + sep + money(n, cur)
            second_line = ("2. " if numbered else "📌 ") + second[0] + sep + money(n2, cur)
            head = s.pick(["Restock alert 🔥 swipe ➡️", "Available now 👇🏾", "Mzigo mpya umefika 👇🏾",
                           "Deals za wiki hii 🔥"])
            tail = s.pick(CTA[lang])
            base = {"post": post("\n".join([head, first_line, tail]), cur, "CAROUSEL_ALBUM", 2),
                    "expect": {"is_product": True, "products": [product(item[1], n, cur)]}}
            s.add("dir_second_item", "DIR",
                  post("\n".join([head, first_line, second_line, tail]), cur, "CAROUSEL_ALBUM", 2),
                  {"is_product": True, "products": [product(item[1], n, cur), product(second[1], n2, cur)]},
                  ["name", "price"], base=base)


# ---------------------------------------------------------------------------------------------
# MFT, issue 10's nine classes.
# ---------------------------------------------------------------------------------------------
def gen_issue_mft(s):
    # 1. thousands grouped with a space or NBSP, the mark before or after, with /= too.
    for item in ITEMS:
        for cur in CURRENCIES:
            n = convert(item[3], cur)
            if n < 1000:
                continue
            for sep in (" ", NBSP):
                mark = s.pick(MARKS[cur])
                suffix = s.pick(["", "", "/="])
                if suffix and mark[1] == "post":  # "45 000/=" takes its mark before, if any
                    mark = (None, "pre", "")
                text = with_mark(group(n, sep) + suffix, mark)
                lang = s.pick(LANGS)
                lines = plain_lines(s, item, cur, lang, text)
                s.add("mft_1_space_grouping", "MFT", post("\n".join(lines), cur), plain_expect(item, cur, n),
                      ["price", "currency"])
    # 2. old/new price cues that are not words.
    strike = lambda t: "".join(ch + "\u0336" for ch in t)  # noqa: E731
    cue_forms = [
        lambda o, n, cur: f"~~{money(o, cur)}~~ {money(n, cur)}",
        lambda o, n, cur: f"~~{group(o, ',')}~~ {group(n, ',')}",
        lambda o, n, cur: f"~{money(o, cur)}~ now {money(n, cur)}",
        lambda o, n, cur: f"{strike(group(o, ','))} {money(n, cur)}",
        lambda o, n, cur: f"{money(o, cur)} now {money(n, cur)}",
        lambda o, n, cur: f"{money(o, cur)} ❌ {money(n, cur)} ✅",
        lambda o, n, cur: f"Now {k_form(n) or group(n, ',')} (was {k_form(o) or group(o, ',')})",
        lambda o, n, cur: f"{money(o, cur)} ➡️ {money(n, cur)}",
    ]
    for item in ITEMS:
        for cur in CURRENCIES:
            n = convert(item[3], cur)
            o = convert(int(round(item[3] * 1.3 / 100) * 100), cur)
            if o <= n:
                continue
            for f in s.rng.sample(cue_forms, 3):
                lines = [s.pick(TITLE_FX["en"]).format(t=item[0]), f(o, n, cur), s.pick(CTA["en"])]
                s.add("mft_2_old_price_marks", "MFT", post("\n".join(lines), cur),
                      plain_expect(item, cur, n, compare_at_price=o), ["price", "compare_at_price", "currency"])
    # 3. a currency word after a grouped amount, local marks.
    for item in ITEMS:
        for cur, marks in (("RWF", ["Frw", "Rwf", "RWF", "frw"]), ("KES", ["/=", "/-", "bob", "Ksh", "KES"]),
                           ("UGX", ["/=", "UGX", "Ugx", "shs"]), ("TZS", ["/=", "TSh", "Tsh", "TZS"])):
            n = convert(item[3], cur)
            if n < 1000:
                continue
            for m in s.rng.sample(marks, 2):
                sep = s.pick([" ", ",", NBSP, "."])
                text = group(n, sep) + (m if m.startswith("/") else " " + m)
                lines = plain_lines(s, item, cur, s.pick(LANGS), text)
                s.add("mft_3_currency_after", "MFT", post("\n".join(lines), cur), plain_expect(item, cur, n),
                      ["price", "currency"])
    # 4. specification numbers are never prices.
    spec_items = [
        ("JBL Charge 5 speaker", [["jbl", "speaker"], ["jbl", "charge"]], ELEC, 14500,
         ["40W output, 7500mAh battery", "Plays 20 hours, IP67 waterproof"]),
        ("Gaming mouse", [["mouse"]], ELEC, 1800, ["7200 DPI, 7 buttons", "RGB lights, 1.5m cable"]),
        ("Smart TV 43 inch", [["tv"]], ELEC, 28000, ["43 inch Full HD, 2 years warranty", "3 HDMI, 2 USB"]),
        ("Flash disk 64GB", [["flash"]], ELEC, 900, ["64GB USB 3.0", "5 years warranty"]),
        ("Water dispenser", [["dispenser"]], HOME, 11500, ["Hot & cold, 20 litres bottle", "500W heating"]),
        ("Standing fan 16 inch", [["fan"]], HOME, 3400, ["16 inch blades, 3 speeds", "45W, 1 year warranty"]),
        ("Power bank 20000mAh", [["power", "bank"]], ELEC, 2800, ["20000mAh, 22.5W fast charge", "2 USB ports"]),
        ("Yoga mat", [["yoga", "mat"]], SPORTS, 1900, ["183cm x 61cm, 6mm thick", "Non slip"]),
        ("Microwave 20L", [["microwave"]], HOME, 9800, ["20 litres, 700W", "1 year warranty"]),
        ("Laptop HP 250 G8", [["hp", "250"], ["laptop"]], ELEC, 38000, ["Core i5, 8GB RAM, 256GB SSD", "15.6 inch"]),
    ]
    for t, name_any, cat, kes, specs in spec_items:
        for cur in CURRENCIES:
            n = convert(kes, cur)
            for lang in LANGS:
                lines = [s.pick(TITLE_FX[lang]).format(t=t)] + specs + [s.pick(PRICE_LINES[lang]).format(
                    p=money(n, cur, s.pick(MARKS[cur]))), s.pick(CTA[lang])]
                if s.rng.random() < 0.5:
                    lines[1], lines[2] = lines[2], lines[1]
                s.add("mft_4_spec_numbers", "MFT", post("\n".join(lines), cur),
                      {"is_product": True, "products": [product(name_any, n, cur, category=cat)]},
                      ["price", "currency"])
            # the same post with no price: the price is null, never a specification.
            lines = [t] + specs + [s.pick(["DM for price", "Inbox for price 📩", "Bei inbox", "Call for price"])]
            s.add("mft_4_spec_numbers_unpriced", "MFT", post("\n".join(lines), cur),
                  {"is_product": True, "products": [product(name_any, None, cur, category=cat)]},
                  ["price", "currency"])
    # 5. brand names with colour words; phones with RAM+storage and a warranty line.
    brands = [("Black+Decker steam iron", [["iron"]], HOME, 3200), ("Silver Crest blender 2 in 1", [["blender"]], HOME, 4500),
              ("Black Opium perfume 90ml", [["opium"]], BEAUTY, 6500), ("White Musk body mist", [["musk"]], BEAUTY, 2200),
              ("Red velvet cake 1kg", [["red", "velvet", "cake"]], FOOD, 2500),
              ("Black+Decker sandwich maker", [["sandwich"]], HOME, 3900),
              ("Blue Band 1kg tub", [["blue", "band"]], FOOD, 650)]
    for t, name_any, cat, kes in brands:
        for cur in CURRENCIES:
            n = convert(kes, cur)
            for lang in s.rng.sample(LANGS, 2):
                lines = plain_lines(s, (t, name_any, cat, kes), cur, lang, money(n, cur))
                s.add("mft_5_brand_colour_words", "MFT", post("\n".join(lines), cur),
                      {"is_product": True, "products": [product(name_any, n, cur, category=cat, colors=[])]},
                      ["name", "price", "colors"])
    phones = [("Infinix Hot 40i", "8+128", ["infinix", "hot", "40i"], 16500),
              ("Tecno Spark 20 Pro", "8/256", ["tecno", "spark", "20"], 21000),
              ("Samsung Galaxy A05s", "4+64", ["galaxy", "a05s"], 14000),
              ("Redmi 13C", "6+128", ["redmi", "13c"], 15500),
              ("itel A70", "3+64", ["itel", "a70"], 9500),
              ("Oppo A18", "4/128", ["oppo", "a18"], 17000),
              ("Infinix Smart 8", "4+64", ["infinix", "smart", "8"], 11000)]
    for t, mem, kws, kes in phones:
        for cur in CURRENCIES:
            n = convert(kes, cur)
            for layout in range(3):
                warranty = s.pick(["1 Year Warranty", "Warranty 1 year", "Brand new sealed, 12 months warranty"])
                pl = s.pick(PRICE_LINES[s.pick(LANGS)]).format(p=money(n, cur, s.pick(MARKS[cur])))
                if layout == 0:
                    lines = [f"{t} {mem}", warranty, pl]
                elif layout == 1:
                    lines = [f"{t} {mem} 🔥", warranty, "5000mAh battery, 50MP camera", pl, PHONE[cur]]
                else:
                    lines = ["Phone deals 📱", f"{t} ({mem}GB)", warranty, pl]
                s.add("mft_5_phone_models", "MFT", post("\n".join(lines), cur),
                      {"is_product": True, "products": [product([kws], n, cur, category=ELEC)]},
                      ["name", "price", "category"])
    # 6. Swahili names with an English gloss or English head noun.
    glossed = [("Mchele wa Pishori (Pishori rice) 5kg", [["pishori"]], FOOD, 1100),
               ("Asali safi (pure honey) 1kg", [["asali"], ["honey"]], FOOD, 1200),
               ("Kikapu cha ukili (woven basket)", [["kikapu"], ["basket"]], HOME, 1500),
               ("Mafuta ya nazi (coconut oil) 500ml", [["nazi"], ["coconut", "oil"]], BEAUTY, 600),
               ("Unga wa ugali (maize flour) 2kg", [["unga"], ["flour"]], FOOD, 250),
               ("Viatu vya ngozi (leather shoes)", [["viatu"], ["leather", "shoe"]], FASHION, 3500),
               ("Shuka ya Kimaasai blanket", [["shuka"], ["blanket"]], HOME, 1300),
               ("Sufuria za kupikia cooking pots set of 5", [["sufuria"], ["pot"]], HOME, 4500),
               ("Kanga za pwani (coastal kanga)", [["kanga"]], FASHION, 800),
               ("Chai ya tangawizi (ginger tea) 250g", [["tangawizi"], ["ginger", "tea"]], FOOD, 450)]
    for t, name_any, cat, kes in glossed:
        for cur in ("KES", "TZS", "UGX"):
            n = convert(kes, cur)
            for lang in LANGS:
                for _ in range(2):
                    lines = [t, s.pick(PRICE_LINES[lang]).format(p=money(n, cur, s.pick(MARKS[cur]))),
                             s.pick(CTA[lang])]
                    if s.rng.random() < 0.4:
                        lines.insert(0, s.pick(["Karibu sokoni 🛒", "Bidhaa mpya 👇🏾", "Fresh from the farm 🌾"]))
                    s.add("mft_6_swahili_gloss", "MFT", post("\n".join(lines), cur),
                          {"is_product": True, "products": [product(name_any, n, cur, category=cat)]},
                          ["name", "price"])
    # 7. menus on dash lines; sizes that belong to one item of several.
    menus = [[("Chapati", [["chapati"]], 20), ("Mandazi", [["mandazi"]], 10), ("Samosa", [["samosa"]], 30)],
             [("Pilau", [["pilau"]], 250), ("Chips masala", [["chips"]], 200), ("Soda 500ml", [["soda"]], 80)],
             [("Mahamri", [["mahamri"]], 15), ("Chai", [["chai"]], 30)],
             [("Rolex", [["rolex"]], 3000), ("Chapati", [["chapati"]], 1000), ("Katogo", [["katogo"]], 5000)],
             [("Fried fish", [["fish"]], 400), ("Ugali", [["ugali"]], 80), ("Sukuma wiki", [["sukuma"]], 50)],
             [("Chipsi mayai", [["chipsi"]], 3000), ("Mishkaki", [["mishkaki"]], 1000), ("Juisi ya embe", [["juisi"], ["mango", "juice"]], 1500)],
             [("Jollof rice", [["jollof"]], 2500), ("Puff puff", [["puff"]], 500), ("Zobo drink", [["zobo"]], 700)],
             [("Brochette", [["brochette"]], 1500), ("Isombe", [["isombe"]], 2000), ("Fanta", [["fanta"]], 800)]]
    menu_cur = {"Rolex": "UGX", "Chipsi mayai": "TZS", "Jollof rice": "NGN", "Brochette": "RWF"}
    for menu in menus:
        cur = menu_cur.get(menu[0][0], "KES")
        for dash in (" – ", " - ", " — ", "–"):
            for joined in (False, True):
                head = s.pick(["Menu ya leo 🍽️", "Today's menu 😋", "Breakfast specials ☕", "Kibanda yetu 🔥"])
                parts = [f"{nm}{dash}{p}" for nm, _, p in menu]
                body = [" / ".join(parts)] if joined else parts
                cap = "\n".join([head] + body + [s.pick(["Order: " + PHONE[cur], f"Tuko karibu na stage, {CITY[cur]}",
                                                         "Delivery ndani ya mtaa"])])
                s.add("mft_7_dash_menus", "MFT", post(cap, cur),
                      {"is_product": True, "products": [product(na, p, cur) for _, na, p in menu]},
                      ["name", "price"])
    pairs = [("shirts", "Shirts", [["shirt"]], 1500, "M-XL", ["M", "L", "XL"],
              "trousers", "Trousers", [["trouser"]], 2000, "30-34", ["30", "31", "32", "33", "34"]),
             ("dresses", "Dresses", [["dress"]], 2500, "S-L", ["S", "M", "L"],
              "shoes", "Shoes", [["shoe"]], 3000, "37-40", ["37", "38", "39", "40"]),
             ("t-shirts", "Plain t-shirts", [["shirt"]], 800, "S-XXL", ["S", "M", "L", "XL", "XXL"],
              "sneakers", "Sneakers", [["sneaker"]], 3500, "40-44", ["40", "41", "42", "43", "44"]),
             ("blouses", "Chiffon blouses", [["blouse"]], 1300, "S-L", ["S", "M", "L"],
              "skirts", "Pencil skirts", [["skirt"]], 1600, "M-XXL", ["M", "L", "XL", "XXL"]),
             ("hoodies", "Hoodies", [["hoodie"]], 2200, "M-XXL", ["M", "L", "XL", "XXL"],
              "joggers", "Joggers", [["jogger"]], 1500, "S-L", ["S", "M", "L"]),
             ("jeans", "Mom jeans", [["jeans"]], 1800, "26-30", ["26", "27", "28", "29", "30"],
              "tops", "Crop tops", [["top"]], 900, "S-L", ["S", "M", "L"]),
             ("boots", "Chelsea boots", [["boot"]], 4800, "40-45", ["40", "41", "42", "43", "44", "45"],
              "jackets", "Denim jackets", [["jacket"]], 3200, "M-XXL", ["M", "L", "XL", "XXL"]),
             ("heels", "Block heels", [["heel"]], 2700, "37-41", ["37", "38", "39", "40", "41"],
              "dresses", "Bodycon dresses", [["dress"]], 2000, "S-XL", ["S", "M", "L", "XL"])]
    for a_w, a_t, a_kw, a_p, a_rng, a_sz, b_w, b_t, b_kw, b_p, b_rng, b_sz in pairs:
        for cur in ("KES", "UGX", "TZS"):
            pa, pb = convert(a_p, cur), convert(b_p, cur)
            a_list, b_list = ", ".join(a_sz), ", ".join(b_sz)
            for form in range(7):
                sz = [f"Sizes {a_rng} for the {a_w}, {b_rng} for the {b_w}",
                      f"Sizes: {a_w} {a_rng}, {b_w} {b_rng}",
                      f"Saizi {a_rng} kwa {a_w}, {b_rng} kwa {b_w}",
                      f"{a_w.capitalize()} sizes {a_rng} / {b_w} sizes {b_rng}",
                      f"Sizes available: {a_w} {a_list}; {b_w} {b_list}",
                      f"Sizes {a_rng} ({a_w}) and {b_rng} ({b_w})",
                      f"Saizi za {a_w} {a_rng} na {b_w} {b_rng}"][form]
                cap = "\n".join([s.pick(["New stock 🔥", "Mzigo mpya 👇🏾"]), f"{a_t} {money(pa, cur)}",
                                 f"{b_t} {money(pb, cur)}", sz, s.pick(CTA["en"])])
                s.add("mft_7_sizes_per_item", "MFT", post(cap, cur, "CAROUSEL_ALBUM", 2),
                      {"is_product": True, "products": [product(a_kw, pa, cur, sizes=a_sz),
                                                        product(b_kw, pb, cur, sizes=b_sz)]},
                      ["name", "price", "sizes"])
    # 8. an item with no price is a product with a null price; a bare listing title is an offer.
    no_price = ["DM for price", "DM for price 📩", "Inbox for price", "Price on request", "Call for price",
                "Bei inbox", "Bei tuma DM", "Niinbox for doh", "Ask for price", "PM for price"]
    for item in ITEMS:
        for cur in CURRENCIES:
            lang = s.pick(LANGS)
            lines = [s.pick(TITLE_FX[lang]).format(t=item[0]), s.pick(no_price)]
            if s.rng.random() < 0.5:
                lines.append(s.pick(["Delivery countrywide 🚚", PHONE[cur], "#shoplocal"]))
            s.add("mft_8_no_price", "MFT", post("\n".join(lines), cur),
                  plain_expect(item, cur, None), ["name", "price", "currency"])
    titles = [("Ladies Block Heels Brand New", [["block", "heel"]], FASHION),
              ("HP EliteBook 840 G5 Core i5 8GB 256GB SSD", [["elitebook"]], ELEC),
              ("Samsung Galaxy S10 128GB Prism White", [["galaxy", "s10"]], ELEC),
              ("Men's Leather Chelsea Boots Size 42", [["chelsea", "boot"]], FASHION),
              ("Toyota Axio Side Mirror Original", [["mirror"]], OTHER),
              ("Executive Office Chair Black Leather", [["chair"]], HOME),
              ("Dell Latitude 7490 Core i7 16GB RAM", [["latitude"]], ELEC),
              ("Ramtons 2 Burner Gas Cooker", [["cooker"]], HOME),
              ("Baby Cot With Mattress", [["cot"]], HOME),
              ("Nike Air Max 270 Original", [["air", "max"]], FASHION),
              ("Hisense 32 Inch Smart TV", [["tv"]], ELEC),
              ("Von Hotpoint Fridge 138 Litres", [["fridge"]], HOME),
              ("Human Hair Wig 18 Inches Body Wave", [["wig"]], BEAUTY),
              ("PlayStation 4 Slim 500GB With 2 Pads", [["playstation"]], ELEC),
              ("Mountain Bike 26 Inch 21 Speed", [["bike"]], SPORTS)]
    for t, name_any, cat in titles:
        for cur in CURRENCIES:
            cap = t if s.rng.random() < 0.6 else t + s.pick([" ✨", "\n" + PHONE[cur], "\nLocation: " + CITY[cur]])
            s.add("mft_8_listing_titles", "MFT", post(cap, cur),
                  {"is_product": True, "products": [product(name_any, None, cur)]}, ["name", "price"])
    # 9. tables of numbers that sell nothing.
    tables = []
    for cur in CURRENCIES:
        areas = {"KES": ["CBD", "Westlands", "Kilimani", "Rongai", "Thika"], "UGX": ["Ntinda", "Kira", "Entebbe", "Mukono"],
                 "TZS": ["Kariakoo", "Mikocheni", "Mbezi", "Kigamboni"], "RWF": ["Kimironko", "Remera", "Nyamirambo"],
                 "NGN": ["Ikeja", "Lekki", "Yaba", "Ajah"], "USD": ["CBD", "Westlands", "Karen"]}[cur]
        fee0 = {"KES": 100, "UGX": 3000, "TZS": 2000, "RWF": 1000, "NGN": 1500, "USD": 2}[cur]
        for head in ["Delivery fees 🚚", "Our delivery charges per area 👇🏾", "Bei za delivery 🛵", "Shipping rates"]:
            rows = [f"{a} - {money(fee0 * (i + 1), cur)}" for i, a in enumerate(areas)]
            tables.append((head, rows, cur))
        tables.append(("Opening hours ⏰", ["Mon - Fri: 8am - 6pm", "Sat: 9am - 4pm", "Sun: closed"], cur))
        tables.append(("Masaa ya kazi 🕗", ["Jumatatu - Ijumaa 8:00 - 18:00", "Jumamosi 9:00 - 14:00",
                                          "Jumapili tumefunga"], cur))
        tables.append(("Pick-up points 📍", [f"{a} stage 10am - 2pm" for a in areas], cur))
        tables.append(("Thank you for 10,000 followers 🎉", ["2021 - 200 followers", "2022 - 2,500",
                                                             "2023 - 10,000 🙏🏾"], cur))
    for head, rows, cur in tables:
        for tail in ["", "\nDM for enquiries", "\n" + PHONE[cur]]:
            s.add("mft_9_number_tables", "MFT", post("\n".join([head] + rows) + tail, cur),
                  {"is_product": False, "products": []}, [])


# ---------------------------------------------------------------------------------------------
# MFT, the phenomena of LABELING.md.
# ---------------------------------------------------------------------------------------------
def gen_labeling_mft(s):
    # shorthands: k, M, elfu.
    for item in ITEMS:
        for cur in ("KES", "UGX", "TZS", "NGN"):
            n = convert(item[3], cur)
            kf = k_form(n)
            if kf:
                for pre in ("", s.pick(MARKS[cur])[0] + " " if cur != "NGN" else "₦"):
                    lines = plain_lines(s, item, cur, s.pick(LANGS), pre + kf)
                    s.add("lab_shorthand_k", "MFT", post("\n".join(lines), cur), plain_expect(item, cur, n),
                          ["price", "currency"])
    for t, kws, m_text, amount in [("iPhone 13 Pro Max 256GB", [["iphone", "13"]], "2.1M", 2100000),
                                   ("MacBook Air M1", [["macbook"]], "3.4M", 3400000),
                                   ("Samsung 55 inch TV", [["tv"]], "1.8M", 1800000),
                                   ("Sofa set 5 seater", [["sofa"]], "1.2M", 1200000),
                                   ("Honda motorcycle spare engine", [["engine"]], "2.5M", 2500000)]:
        for cur in ("UGX", "TZS"):
            for pre in ("", f"{MAIN_MARK[cur][0]} "):
                for lang in LANGS:
                    lines = [t, s.pick(PRICE_LINES[lang]).format(p=pre + m_text), PHONE[cur]]
                    s.add("lab_shorthand_M", "MFT", post("\n".join(lines), cur),
                          {"is_product": True, "products": [product(kws, amount, cur)]}, ["price", "currency"])
    elfu = [("elfu mbili", 2000), ("elfu moja na mia tano", 1500), ("elfu tatu", 3000), ("elfu tano", 5000),
            ("elfu moja", 1000), ("elfu mbili na mia tano", 2500), ("elfu kumi", 10000), ("mia tano", 500),
            ("elfu nne", 4000), ("elfu sita na mia tano", 6500)]
    for words, amount in elfu:
        for item in s.rng.sample(ITEMS, 4):
            for cur in ("KES", "TZS"):
                lines = [s.pick(TITLE_FX["sw"]).format(t=item[0]),
                         s.pick(["Bei ni {w} tu", "Kwa {w} pekee", "Ni {w} tu mse", "Bei: shilingi {w}"]).format(w=words),
                         s.pick(CTA["sw"])]
                s.add("lab_swahili_number_words", "MFT", post("\n".join(lines), cur),
                      plain_expect(item, cur, amount), ["price", "currency"])
    # option rows whose lower price is shaped like a year ("Pakiti ndogo 2000"): still the lowest
    # price; a year on a row that names no option stays a year.
    opt_items = [("Chai masala", [["chai", "masala"]], FOOD), ("Pure honey", [["honey"]], FOOD),
                 ("Shea butter", [["shea", "butter"]], BEAUTY), ("Peanut butter", [["peanut", "butter"]], FOOD),
                 ("Body lotion", [["lotion"]], BEAUTY), ("Kahawa ya Kilimanjaro", [["kahawa"], ["coffee"]], FOOD)]
    opt_rows = [("Pakiti kubwa", "Pakiti ndogo"), ("Big pack", "Small pack"), ("Large bottle", "Small bottle"),
                ("Chupa kubwa", "Chupa ndogo"), ("Family size pack", "Regular pack"), ("Kilo moja", "Nusu kilo")]
    for t, name_any, cat in opt_items:
        for big, small in opt_rows:
            for cur in ("KES", "UGX", "TZS"):
                lo = 2000 if cur != "UGX" else s.pick([2000, 2010, 1990])
                hi = s.pick([3500, 3200, 4000, 2800])
                rows = [f"{big} {money(hi, cur)}", f"{small} {lo}"]
                if s.rng.random() < 0.5:
                    rows.reverse()
                cap = "\n".join([t] + rows + [s.pick(CTA["en"] + CTA["sw"])])
                s.add("lab_lowest_price_year_shaped", "MFT", post(cap, cur),
                      {"is_product": True, "products": [product(name_any, lo, cur, category=cat)]},
                      ["price", "currency"])
            yr = s.pick(["Since 2015", "Established 2019", "Est. 2018", "Tangu 2016"])
            cur = s.pick(["KES", "UGX", "TZS"])
            hi = s.pick([3500, 3200, 4000, 2800])
            cap = "\n".join([t, yr, f"{big} {money(hi, cur)}", s.pick(CTA["en"])])
            s.add("lab_lowest_price_year_shaped", "MFT", post(cap, cur),
                  {"is_product": True, "products": [product(name_any, hi, cur, category=cat)]},
                  ["price", "currency"])
    # lowest price of several options or a range.
    for item in ITEMS:
        for cur in ("KES", "UGX", "TZS", "NGN"):
            lo = convert(item[3], cur)
            hi = convert(int(item[3] * 1.6 // 100 * 100), cur)
            if hi <= lo:
                continue
            forms = [f"Price: {money(lo, cur)} - {money(hi, cur)}", f"{group(lo, ',')}-{group(hi, ',')}",
                     f"Small {money(lo, cur)}\nLarge {money(hi, cur)}",
                     f"From {money(lo, cur)}", f"Bei kuanzia {money(lo, cur)} hadi {money(hi, cur)}",
                     f"Large {money(hi, cur)}\nSmall {money(lo, cur)}"]
            for f in s.rng.sample(forms, 3):
                cap = "\n".join([s.pick(TITLE_FX["en"]).format(t=item[0]), f, s.pick(CTA["en"])])
                s.add("lab_lowest_price", "MFT", post(cap, cur), plain_expect(item, cur, lo, compare_at_price=None),
                      ["price", "compare_at_price"])
    # old price in words.
    word_forms = [lambda o, n, c: f"Was {money(o, c)}, now {money(n, c)}",
                  lambda o, n, c: f"Before {money(o, c)} now {money(n, c)}",
                  lambda o, n, c: f"Initially {group(o, ',')}, now {group(n, ',')}",
                  lambda o, n, c: f"Price reduced from {money(o, c)} to {money(n, c)}",
                  lambda o, n, c: f"Now {money(n, c)} (was {money(o, c)})",
                  lambda o, n, c: f"Bei imeshuka kutoka {money(o, c)} hadi {money(n, c)}",
                  lambda o, n, c: f"Offer: {money(n, c)} instead of {money(o, c)}"]
    for item in ITEMS:
        for cur in CURRENCIES:
            n = convert(item[3], cur)
            o = convert(int(round(item[3] * 1.2 / 100) * 100), cur)
            if o <= n:
                continue
            for f in s.rng.sample(word_forms, 2):
                cap = "\n".join([s.pick(TITLE_FX["en"]).format(t=item[0]), f(o, n, cur), s.pick(CTA["en"])])
                s.add("lab_old_price_words", "MFT", post(cap, cur), plain_expect(item, cur, n, compare_at_price=o),
                      ["price", "compare_at_price"])
    # numbers that are not prices: contacts and money that is not the price.
    not_price_lines = lambda cur: [  # noqa: E731
        f"Call/WhatsApp {PHONE[cur]}", "Till no: 5512873", "Paybill 247247 Acc 0712345678",
        f"Delivery fee {money({'KES': 250, 'UGX': 5000, 'TZS': 4000, 'RWF': 1500, 'NGN': 2000, 'USD': 5}[cur], cur)}",
        f"Deposit {money({'KES': 500, 'UGX': 20000, 'TZS': 10000, 'RWF': 5000, 'NGN': 5000, 'USD': 10}[cur], cur)} to book",
        "Tuko Moi Avenue, Bazaar Plaza shop 215"]
    for item in ITEMS:
        for cur in CURRENCIES:
            n = convert(item[3], cur)
            extra = s.rng.sample(not_price_lines(cur), 3)
            lines = plain_lines(s, item, cur, s.pick(LANGS), money(n, cur))
            for e in extra:
                lines.insert(s.rng.randint(1, len(lines)), e)
            s.add("lab_not_price_contacts_fees", "MFT", post("\n".join(lines), cur), plain_expect(item, cur, n),
                  ["price", "currency"])
    quantities = ["Sizes 38 - 44", "128GB storage, 4GB RAM", "Model A14", "Made in 2023", "Offer ends 30th June",
                  "Open 8am to 7pm", "Pack of 6", "Buy 2 get 1 free", "20% off this week", "Measures 6x6 ft",
                  "2 litres capacity", "Over 5,000 happy clients", "Only 3 pieces left", "Since 2019"]
    for item in ITEMS:
        for cur in CURRENCIES:
            n = convert(item[3], cur)
            for q in s.rng.sample(quantities, 2):
                lines = plain_lines(s, item, cur, s.pick(LANGS), money(n, cur))
                lines.insert(s.rng.randint(1, 2), q)
                s.add("lab_not_price_quantities", "MFT", post("\n".join(lines), cur), plain_expect(item, cur, n),
                      ["price"])
    # currency marks: each mark maps to its ISO code; a bare number is in the store's currency; EUR/GBP.
    foreign = [("€", "EUR", 45), ("EUR", "EUR", 120), ("£", "GBP", 60), ("GBP", "GBP", 35), ("$", "USD", 25)]
    for item in ITEMS[:15]:
        for sym, iso, amount in foreign:
            cap = "\n".join([s.pick(TITLE_FX["en"]).format(t=item[0]),
                             f"Price: {sym}{amount}" if len(sym) == 1 else f"Price: {sym} {amount}",
                             "Shipping from the UK in 2 weeks ✈️"])
            s.add("lab_currency_marks", "MFT", post(cap, "KES"), plain_expect(item, iso, amount), ["price", "currency"])
    # several items are several products; sizes/colours of one item are one product.
    lists = [[("Floral maxi dress", [["floral", "dress"], ["maxi", "dress"]], 1800),
              ("Black bodycon dress", [["bodycon", "dress"]], 1500), ("Satin slip dress", [["satin", "dress"]], 2000)],
             [("Tote bag", [["tote", "bag"]], 1500), ("Mini crossbody bag", [["crossbody", "bag"]], 1200),
              ("Laptop backpack", [["backpack"]], 2800), ("Clutch purse", [["clutch"]], 900)],
             [("Shea butter 250g", [["shea", "butter"]], 800), ("Black soap", [["black", "soap"]], 500)],
             [("Oraimo earbuds", [["earbud"]], 2600), ("Power bank 10000mAh", [["power", "bank"]], 1900),
              ("Type C cable", [["cable"]], 350)],
             [("Vanilla cupcakes (6 pcs)", [["cupcake"]], 900), ("Banana bread loaf", [["banana", "bread"]], 700),
              ("Chocolate chip cookies", [["cookie"]], 500)]]
    for items in lists:
        for cur in ("KES", "UGX", "TZS", "NGN", "RWF"):
            for bullet in ("num", "pin", "dash", "paren"):
                lines = []
                for i, (t, kws, kes) in enumerate(items):
                    pr = money(convert(kes, cur), cur)
                    lines.append({"num": f"{i + 1}. {t} - {pr}", "pin": f"📌 {t} - {pr}", "dash": f"- {t}: {pr}",
                                  "paren": f"{i + 1}) {t} @ {pr}"}[bullet])
                cap = "\n".join([s.pick(["Swipe ➡️ for all", "Restock 🔥", "Available 👇🏾"])] + lines +
                                [s.pick(CTA["en"])])
                s.add("lab_multi_item_list", "MFT", post(cap, cur, "CAROUSEL_ALBUM", len(items)),
                      {"is_product": True,
                       "products": [product(kws, convert(kes, cur), cur) for t, kws, kes in items]}, ["name", "price"])
    variants = [("Oversized hoodie", [["hoodie"]], 2200, "Sizes M, L, XL\nColours black, grey, maroon",
                 ["M", "L", "XL"], ["black", "grey", "maroon"]),
                ("Ankara maxi dress", [["ankara", "dress"]], 3500, "Available in red, blue and green\nSizes S-XL",
                 ["S", "M", "L", "XL"], ["red", "blue", "green"]),
                ("Leather sandals", [["leather", "sandal"]], 1500, "Brown size 38, 39\nBlack size 40, 41",
                 ["38", "39", "40", "41"], ["brown", "black"]),
                ("Polo t-shirt", [["polo"]], 1200, "White / navy / maroon\nM - XXL", ["M", "L", "XL", "XXL"],
                 ["white", "navy", "maroon"])]
    for t, kws, kes, vtext, sizes, cols in variants:
        for cur in CURRENCIES:
            n = convert(kes, cur)
            for lang in LANGS:
                cap = "\n".join([s.pick(TITLE_FX[lang]).format(t=t), vtext,
                                 s.pick(PRICE_LINES[lang]).format(p=money(n, cur)), s.pick(CTA[lang])])
                s.add("lab_variants_one_product", "MFT", post(cap, cur),
                      {"is_product": True, "products": [product(kws, n, cur, sizes=sizes, colors=cols)]},
                      ["name", "price", "sizes", "colors"])
    # not products: greetings, announcements, giveaways, memes, closed, testimonials.
    non = ["Happy new week fam 🙏🏾✨ Thank you for the love and support since 2021",
           "Good morning wateja wetu 🌞 Have a blessed Monday",
           "Eid Mubarak kwa wateja wetu wote 🌙✨",
           "Merry Christmas & Happy New Year from all of us 🎄🎆",
           "We are closed today for the public holiday. We reopen tomorrow 9am",
           "Duka litafungwa leo, tutafungua kesho saa 3 asubuhi",
           "Shop closed 🚫 from 24th Dec to 2nd Jan. Online orders resume 3rd January",
           "GIVEAWAY 🎁 Follow us, like this post and tag 3 friends. Winner announced Friday!",
           "Giveaway time 🎉 tag marafiki 3, share kwa story. Mshindi Jumamosi",
           "When the customer says 'nitakutumia kesho' 😂😂 #sellerlife",
           "Monday mood 😴☕ #memes #smallbusinesskenya",
           "Asanteni kwa kutuamini 🙏🏾 Mteja wetu Amina ameridhika na gauni lake 😍",
           "Thank you Brian for the kind review ⭐⭐⭐⭐⭐ 'Fast delivery and quality stuff'",
           "We have moved! Find us at Kimathi Street, 2nd floor shop 12 from Monday 📍",
           "New stock dropping Friday, stay tuned 👀",
           "Tumefika 5k followers 🎉 Asanteni sana familia",
           "Happy Madaraka Day Kenya 🇰🇪",
           "Our team at the Nairobi trade fair yesterday 📸 thank you for visiting our stand"]
    for text in non:
        for cur in CURRENCIES:
            for tail in ("", "\n#shoplocal #smallbusiness"):
                s.add("lab_non_product", "MFT", post(text + tail, cur), {"is_product": False, "products": []}, [])
    # sizes normalised.
    clothes_sizes = [("Sizes: s, m, l", ["S", "M", "L"]), ("Free size", ["One Size"]),
                     ("One size fits all", ["One Size"]), ("Sizes M, L, XL, XXL, 3XL", ["M", "L", "XL", "XXL", "3XL"]),
                     ("Size 8, 10, 12, 14", ["8", "10", "12", "14"]), ("UK 8, UK 10, UK 12", ["8", "10", "12"]),
                     ("Saizi S mpaka XL", ["S", "M", "L", "XL"])]
    shoe_sizes = [("Sizes 38-41", ["38", "39", "40", "41"]), ("UK 6, UK 7, UK 8", ["6", "7", "8"]),
                  ("EU 40 - 43", ["40", "41", "42", "43"]), ("Saizi 36 mpaka 39", ["36", "37", "38", "39"]),
                  ("Size 37, 38, 39, 40", ["37", "38", "39", "40"]), ("Sizes 40 to 44", ["40", "41", "42", "43", "44"]),
                  ("Size 42 only", ["42"])]
    wearables = [("Ankara maxi dress", [["ankara", "dress"]], 3500), ("Leather sandals", [["leather", "sandal"]], 1500),
                 ("Kitenge shirt", [["kitenge", "shirt"]], 2500), ("Chelsea boots", [["chelsea", "boot"]], 4800),
                 ("Mom jeans", [["mom", "jeans"]], 1800)]
    for t, kws, kes in wearables:
        is_shoe = "sandal" in t or "boot" in t
        for stext, sizes in (shoe_sizes if is_shoe else clothes_sizes):
            for cur in ("KES", "UGX", "NGN"):
                n = convert(kes, cur)
                cap = "\n".join([t + " ✨", stext, f"Price {money(n, cur)}", s.pick(CTA["en"])])
                s.add("lab_sizes", "MFT", post(cap, cur), {"is_product": True, "products": [
                    product(kws, n, cur, sizes=sizes)]}, ["price", "sizes"])
    # capacities are not sizes.
    for t, kws, cap_line, kes in [("Body lotion", [["lotion"]], "400ml bottle", 750),
                                  ("Pishori rice", [["pishori"]], "Packed in 1kg and 2kg", 250),
                                  ("Cooking oil", [["oil"]], "Available 3 litres", 900),
                                  ("Perfume oil", [["perfume"]], "50ml and 100ml", 1200)]:
        for cur in CURRENCIES:
            n = convert(kes, cur)
            cap = "\n".join([t, cap_line, f"Price {money(n, cur)}"])
            s.add("lab_sizes", "MFT", post(cap, cur), {"is_product": True, "products": [
                product(kws, n, cur, sizes=[])]}, ["price", "sizes"])
    # colours: English, Swahili translated, emoji hearts are not colours.
    col_forms = [("Colours: black, white, red", ["black", "white", "red"], "lab_colors_english"),
                 ("Available in navy, maroon & beige", ["navy", "maroon", "beige"], "lab_colors_english"),
                 ("Grey and pink available", ["grey", "pink"], "lab_colors_english"),
                 ("Rangi: nyeusi, nyeupe", ["black", "white"], "lab_colors_swahili"),
                 ("Tuko na rangi nyekundu, bluu na kijani", ["red", "blue", "green"], "lab_colors_swahili"),
                 ("Rangi ya kahawia na njano", ["brown", "yellow"], "lab_colors_swahili"),
                 ("Zambarau, pinki, kijivu", ["purple", "pink", "grey"], "lab_colors_swahili"),
                 ("Order now ❤️❤️💙", [], "lab_colors_emoji_not_colour"),
                 ("Quality 💯 🖤🤍", [], "lab_colors_emoji_not_colour"),
                 ("Tag a friend 💛💚 🔴", [], "lab_colors_emoji_not_colour")]
    for t, kws, kes in wearables + [("Tote bag", [["tote", "bag"]], 1400), ("Denim jacket", [["denim", "jacket"]], 3200)]:
        for ctext, cols, gname in col_forms:
            for cur in ("KES", "TZS", "UGX"):
                n = convert(kes, cur)
                cap = "\n".join([t + " 🔥", ctext, s.pick(PRICE_LINES["sw"]).format(p=money(n, cur))])
                s.add(gname, "MFT", post(cap, cur), {"is_product": True, "products": [
                    product(kws, n, cur, colors=cols)]}, ["price", "colors"])
    # categories: one per item kind, as LABELING.md assigns them.
    cat_items = [(t, kws, cat, kes) for t, kws, cat, kes in ITEMS] + [
        ("Ladies handbag", [["handbag"]], FASHION, 2500), ("Men's wrist watch", [["watch"]], FASHION, 3500),
        ("Gold plated necklace", [["necklace"]], FASHION, 1200), ("Brazilian weave 20 inch", [["weave"]], BEAUTY, 6500),
        ("Oud perfume 100ml", [["perfume"]], BEAUTY, 3800), ("Smart watch T500", [["watch"]], ELEC, 2800),
        ("Novel: The River and the Source", [["river"]], BOOKS, 1200), ("Kids remote control car", [["car"]], TOYS, 3200),
        ("Resistance bands set", [["resistance", "band"]], SPORTS, 1500), ("Skipping rope", [["rope"]], SPORTS, 600)]
    for t, kws, cat, kes in cat_items:
        for cur in ("KES", "UGX", "TZS"):
            n = convert(kes, cur)
            lines = plain_lines(s, (t, kws, cat, kes), cur, s.pick(LANGS), money(n, cur))
            s.add("lab_category", "MFT", post("\n".join(lines), cur),
                  {"is_product": True, "products": [product(kws, n, cur, category=cat)]}, ["category"])
    # categories over the noun lexicon: the name's noun decides; a hashtag of another category is
    # weak evidence and does not.
    other_tags = {FASHION: "#foodiesofnairobi", ELEC: "#fashionkenya", HOME: "#skincareug", BEAUTY: "#techkenya",
                  FOOD: "#fashionista", SPORTS: "#homedecor", BOOKS: "#beautytz", TOYS: "#gymlife", OTHER: "#bookstagram"}
    for cat, nouns in CATEGORY_NOUNS.items():
        for noun in nouns:
            for k in range(2):
                cur = s.pick(["KES", "UGX", "TZS", "RWF"])
                lang = s.pick(LANGS)
                n = convert(s.pick([450, 900, 1500, 2500, 4800]), cur)
                t = noun[0].upper() + noun[1:]
                price = s.pick(PRICE_LINES[lang]).format(p=money(n, cur))
                lines = [s.pick(TITLE_FX[lang]).format(t=t) if k else t, price, s.pick(CTA[lang])]
                if s.rng.random() < 0.4:
                    lines.append(other_tags[cat])
                s.add("lab_category_nouns", "MFT", post("\n".join(lines), cur),
                      {"is_product": True, "products": [product([[noun.split()[-1].lower()]], n, cur, category=cat)]},
                      ["category"])
    # the name's head noun decides over its qualifier's category ("Pizza cutter" is a kitchen tool,
    # "Laptop bag" a bag, "Toy phone" a toy), over a word on another line and over a hashtag.
    compounds = [("Shoe rack", ["rack"], HOME), ("TV stand", ["stand"], HOME), ("Wine glasses", ["glass"], HOME),
                 ("Cake stand", ["stand"], HOME), ("Coffee table", ["table"], HOME), ("Tea set", ["tea", "set"], HOME),
                 ("Coffee mugs", ["mug"], HOME), ("Rice cooker", ["cooker"], HOME), ("Juice dispenser", ["dispenser"], HOME),
                 ("Pizza cutter", ["cutter"], HOME), ("Egg beater", ["beater"], HOME), ("Milk frother", ["frother"], HOME),
                 ("Bottle opener", ["opener"], HOME), ("Soap dispenser", ["dispenser"], HOME),
                 ("Book shelf", ["shelf"], HOME), ("Shoe cabinet", ["cabinet"], HOME), ("Lemon squeezer", ["squeezer"], HOME),
                 ("Potato masher", ["masher"], HOME), ("Tea strainer", ["strainer"], HOME), ("Bread slicer", ["slicer"], HOME),
                 ("Laptop bag", ["bag"], FASHION), ("Makeup bag", ["bag"], FASHION), ("Phone pouch", ["pouch"], FASHION),
                 ("Baby shoes", ["shoe"], FASHION), ("Watch strap", ["strap"], FASHION), ("School bag", ["bag"], FASHION),
                 ("Phone case", ["case"], ELEC), ("Laptop stand", ["stand"], ELEC), ("Tablet stand", ["stand"], ELEC),
                 ("Mouse pad", ["pad"], ELEC), ("Car phone holder", ["holder"], ELEC),
                 ("Hair dryer", ["dryer"], BEAUTY), ("Wig stand", ["stand"], BEAUTY), ("Perfume bottle", ["bottle"], BEAUTY),
                 ("Chocolate cake", ["cake"], FOOD), ("Honey jar", ["honey"], FOOD),
                 ("Protein shaker", ["shaker"], SPORTS), ("Chess set", ["chess"], TOYS), ("Baby doll", ["doll"], TOYS),
                 ("Toy phone", ["toy", "phone"], TOYS), ("Toy laptop", ["toy", "laptop"], TOYS),
                 ("Kids toy guitar", ["toy", "guitar"], TOYS), ("Toy Story DVD", ["dvd"], BOOKS), ("Dog leash", ["leash"], OTHER)]
    elsewhere = {HOME: "Perfect for coffee lovers ☕", FASHION: "Fits a 15 inch laptop 💻", ELEC: "Great gift for her 🎁",
                 BEAUTY: "Salon quality 💇🏾", FOOD: "Baked fresh daily", SPORTS: "For gym lovers 💪🏾",
                 TOYS: "Fun for the whole family", BOOKS: "Kids favourite 🧸", OTHER: "For your furry friend 🐶"}
    shared_rng, s.rng = s.rng, random.Random(SEED + 7)  # its own draws: the other groups' cases stay
    for t, kws, cat in compounds:
        for cur in ("KES", "UGX", "TZS", "RWF"):
            n = convert(s.pick([900, 1500, 2500]), cur)
            for k in range(3):
                lang = s.pick(LANGS)
                lines = [s.pick(TITLE_FX[lang]).format(t=t) if k == 1 else t,
                         s.pick(PRICE_LINES[lang]).format(p=money(n, cur)), s.pick(CTA[lang])]
                if k == 2:
                    lines.insert(1, elsewhere[cat])
                    lines.append(other_tags[cat])
                s.add("lab_category_head_noun", "MFT", post("\n".join(lines), cur),
                      {"is_product": True, "products": [product([kws], n, cur, category=cat)]}, ["category"])
    s.rng = shared_rng
    # size lists in the layouts sellers type: letters apart by spaces, a comma list glued to the name,
    # a range ending in 3XL; the sizes are read and stay out of the name.
    shared_rng, s.rng = s.rng, random.Random(SEED + 11)
    size_layouts = [("{t}\nAvailable in S M L XL", ["S", "M", "L", "XL"], ["xl"]),
                    ("{t} M,L,XL,XXL", ["M", "L", "XL", "XXL"], ["xl", "xxl"]),
                    ("{t} (sizes M - 3XL)", ["M", "L", "XL", "XXL", "3XL"], ["sizes", "3xl"]),
                    ("{t} S M L", ["S", "M", "L"], ["m", "l"]),
                    ("{t}\nSaizi M L XL XXL", ["M", "L", "XL", "XXL"], ["xxl"]),
                    ("{t}\nSizes: 38 39 40 41", ["38", "39", "40", "41"], ["38"]),
                    ("{t} sizes S/M/L", ["S", "M", "L"], ["sizes"]),
                    ("{t}\nTunazo saizi S, M, L na XL", ["S", "M", "L", "XL"], ["saizi"])]
    for t, name_any, cat, kes in ITEMS:
        if cat != FASHION:
            continue
        for layout, sizes, without in size_layouts:
            for cur in ("KES", "UGX"):
                n = convert(kes, cur)
                lang = s.pick(LANGS)
                cap = "\n".join([layout.format(t=t), s.pick(PRICE_LINES[lang]).format(p=money(n, cur)),
                                  s.pick(CTA[lang])])
                s.add("lab_sizes_layouts", "MFT", post(cap, cur),
                      {"is_product": True, "products": [product(name_any, n, cur, sizes=sizes, name_without=without)]},
                      ["name", "name_without", "price", "sizes"])
    s.rng = shared_rng
    # names wherever the item's words sit on the line: a measurement, a share or sizes before them, a
    # banner, sizes or a capacity after them; none of these words is part of the name.
    capacities = [("500 ml", ["ml"]), ("2 litres", ["litres", "litre"]), ("1 kg", ["kg"]), ("250 g", ["g"]),
                  ("5 litre", ["litre"]), ("1 ltr", ["ltr"])]
    banners = [("🔥NEW ARRIVAL🔥", ["arrival"]), ("New arrivals!!", ["arrivals", "arrival"]), ("Just in:", ["just"]),
               ("Restocked ✨", ["restocked"]), ("Available now!!", ["available"]), ("Limited offer:", ["offer"])]
    size_forms = [("Size 40-45 {t}", ["size"]), ("Sizes M-XL {t}", ["sizes", "m", "xl"]),
                  ("{t} sizes S-XXL", ["sizes", "xxl"]), ("{t} size 38-42", ["size"]),
                  ("Size 8, 10, 12 {t}", ["size"])]
    for t, name_any, cat, kes in ITEMS:
        forms = []
        for b, bw in banners:
            forms.append((f"{b} {t}", bw))
        forms.append((f"100% original {t}", ["100"]))
        if cat == FASHION:
            forms += [(f.format(t=t), w) for f, w in size_forms]
        if cat in (FOOD, BEAUTY, HOME):
            for q, qw in capacities:
                forms += [(f"{q} {t}", qw + [q.split()[0]]), (f"{t} {q}", qw + [q.split()[0]])]
        for cur in ("KES", "UGX", "TZS"):
            n = convert(kes, cur)
            for line, without in s.rng.sample(forms, min(4, len(forms))):
                lang = s.pick(LANGS)
                cap = "\n".join([line, s.pick(PRICE_LINES[lang]).format(p=money(n, cur)), s.pick(CTA[lang])])
                s.add("lab_name_layouts", "MFT", post(cap, cur),
                      {"is_product": True, "products": [product(name_any, n, cur, name_without=without)]},
                      ["name", "name_without", "price"])
    # names: the catalog title carries no emoji and no price.
    for item in ITEMS:
        for cur in ("KES", "UGX", "NGN"):
            n = convert(item[3], cur)
            cap = s.pick(["🔥🔥 {t} 🔥🔥 {p}", "{t} @ {p} only 😍", "✨{t}✨ - {p}", "{t} ni {p} tu 💯"]).format(
                t=item[0], p=money(n, cur))
            s.add("lab_name_clean", "MFT", post(cap + "\n" + s.pick(CTA["en"]), cur),
                  plain_expect(item, cur, n), ["name", "name_clean", "price"])


# ---------------------------------------------------------------------------------------------
# MFT, issue 10 item 2: a reading that is fragile by construction never reaches auto-approve (0.9).
# ---------------------------------------------------------------------------------------------
FRAGILE = {"fragile": True}  # whatever is drafted, no product may reach confidence 0.9


def gen_fragile(s):
    for item in ITEMS:
        for cur in CURRENCIES:
            n = convert(item[3], cur)
            if n < 1000:
                continue
            lang = s.pick(LANGS)
            # two candidate prices for one item and nothing to say which is the selling one
            other = convert(int(item[3] * 1.4 // 100 * 100), cur)
            if other != n:
                cap = "\n".join([s.pick(TITLE_FX[lang]).format(t=item[0]), money(n, cur), money(other, cur),
                                 s.pick(CTA[lang])])
                s.add("conf_fragile_two_prices", "MFT", post(cap, cur),
                      FRAGILE, [])
            # a one- or two-digit price for an item sold in thousands
            small = int(str(n)[:2]) if len(str(n)) > 3 else int(str(n)[0])
            cap = "\n".join([s.pick(TITLE_FX[lang]).format(t=item[0]),
                             s.pick(PRICE_LINES[lang]).format(p=with_mark(str(small), MAIN_MARK[cur])),
                             s.pick(CTA[lang])])
            s.add("conf_fragile_tiny_price", "MFT", post(cap, cur),
                  FRAGILE, [])
    # no line names the item: whatever name is drafted comes from a fallback line
    for cur in CURRENCIES:
        n = convert(2500, cur)
        for head in ["🔥🔥🔥", "Restock alert!!", "Mzigo mpya 👇🏾", "New week, new deals ✨", "Ziko chache, hurry 🏃🏾"]:
            for lang in LANGS:
                cap = "\n".join([head, s.pick(PRICE_LINES[lang]).format(p=money(n, cur)), s.pick(CTA[lang])])
                s.add("conf_fragile_no_item_line", "MFT", post(cap, cur),
                      FRAGILE, [])


# Readings whose category or sizes are fragile by construction (confidence.h FragileCategory,
# FragileSizes): whatever is drafted stays below auto-approve.
# Coined item names no lexicon knows (a new brand's product line), and hashtags or a description
# line that name a category.
COINED = ["Kivuli Pro 3", "Tamu Deluxe", "Nuru X7", "Zawadi Prime", "Baraka Two", "Upendo Classic",
          "Mwezi Air", "Jua Lite"]
CATEGORY_TAGS = ["#thriftkenya", "#skincareke", "#homedecorke", "#techdealske", "#gymlife", "#bakeryke",
                 "#toyshopke", "#streetwearke"]
CATEGORY_LINES = ["Perfect for your kitchen 🍳", "Soft on your skin, glow all day ✨", "Best for the gym 💪🏾",
                  "Comfy for the kids' playroom 🧸", "Fits every laptop bag 💻", "Pairs with any outfit 👗"]


def gen_fragile_fields(s):
    for cur in CURRENCIES:
        n = convert(2500, cur)
        for coined in COINED:
            lang = s.pick(LANGS)
            # the category from a hashtag only
            cap = "\n".join([s.pick(TITLE_FX[lang]).format(t=coined),
                             s.pick(PRICE_LINES[lang]).format(p=money(n, cur)), s.pick(CTA[lang]),
                             s.pick(CATEGORY_TAGS)])
            s.add("conf_fragile_category_hashtag", "MFT", post(cap, cur), FRAGILE, [])
            # the category from a word of another line only
            cap = "\n".join([s.pick(TITLE_FX[lang]).format(t=coined), s.pick(CATEGORY_LINES),
                             s.pick(PRICE_LINES[lang]).format(p=money(n, cur)), s.pick(CTA[lang])])
            s.add("conf_fragile_category_elsewhere", "MFT", post(cap, cur), FRAGILE, [])
    # the category from a hint word of the name only (lexicon weight 1)
    for cur in CURRENCIES:
        n = convert(2500, cur)
        for hint in ["Kids", "Leather", "Ladies", "Cotton"]:
            lang = s.pick(LANGS)
            cap = "\n".join([s.pick(TITLE_FX[lang]).format(t=f"{hint} {s.pick(COINED)}"),
                             s.pick(PRICE_LINES[lang]).format(p=money(n, cur)), s.pick(CTA[lang])])
            s.add("conf_fragile_category_hint", "MFT", post(cap, cur), FRAGILE, [])
    # letter sizes and number sizes for one item: two items' sizes, or two systems, either way a guess
    fashion = [it for it in ITEMS if it[2] == FASHION]
    for item in fashion:
        for cur in CURRENCIES:
            n = convert(item[3], cur)
            lang = s.pick(LANGS)
            sz = s.pick(["Sizes S, M, L and 38, 40, 42", "Saizi M-XL, 40-44", "Sizes: M L XL / 30 32 34",
                         "Available in small, medium and 41, 42"])
            cap = "\n".join([s.pick(TITLE_FX[lang]).format(t=item[0]), sz,
                             s.pick(PRICE_LINES[lang]).format(p=money(n, cur)), s.pick(CTA[lang])])
            s.add("conf_fragile_sizes_mixed", "MFT", post(cap, cur), FRAGILE, [])
    # a fashion item with a line mostly of numbers that nothing reads (a batch, a reference, a grade):
    # sizes may be hidden in it
    for item in fashion:
        for cur in CURRENCIES:
            n = convert(item[3], cur)
            lang = s.pick(LANGS)
            cap = "\n".join([s.pick(TITLE_FX[lang]).format(t=item[0]),
                             s.pick(["Ref 22 / 31", "Batch 7, 9, 11", "Condition 9/10", "Lot 4 - 17"]),
                             s.pick(PRICE_LINES[lang]).format(p=money(n, cur)), s.pick(CTA[lang])])
            s.add("conf_fragile_sizes_unread_line", "MFT", post(cap, cur), FRAGILE, [])
    # a list post whose shared sizes line names one of its items: the sizes may be that item's only
    pairs = [(fashion[i], fashion[j]) for i in range(len(fashion)) for j in range(len(fashion)) if i < j]
    for k, (a, b) in enumerate(pairs[:24]):
        cur = CURRENCIES[k % len(CURRENCIES)]
        a_t, b_t = a[0], b[0]
        a_w = a[1][0][-1] + "s"
        sz = s.pick([f"Sizes M-XL for the {a_w}", f"Saizi 38-44 kwa {a_w}", f"{a_w.capitalize()} come in S, M, L"])
        cap = "\n".join([s.pick(["New stock 🔥", "Mzigo mpya 👇🏾"]), f"{a_t} {money(convert(a[3], cur), cur)}",
                         f"{b_t} {money(convert(b[3], cur), cur)}", sz, s.pick(CTA["en"])])
        s.add("conf_fragile_sizes_one_item", "MFT", post(cap, cur, "CAROUSEL_ALBUM", 2), FRAGILE, [])


# ---------------------------------------------------------------------------------------------
# INV, the number grammar (issue 10 item 3): one grammar of digit groups for every currency and every
# separator; a group after the first is exactly three digits, any digits, 0 included ("1 050 000").
# These groups draw from their own seeded generator so that adding them leaves every other case as
# it was.
# ---------------------------------------------------------------------------------------------
ZERO_GROUP_ITEMS = [
    ("Toyota Vitz", [["vitz"]], {"KES": 1050000, "UGX": 25050000, "TZS": 18050000, "NGN": 9050000,
                                 "RWF": 8050000}),
    ("Samsung smart TV", [["tv"], ["samsung"]], {"UGX": 2099000, "TZS": 1605000, "NGN": 1050000,
                                                  "RWF": 1009000, "KES": 105050}),
    ("HP EliteBook 840 G5", [["elitebook"]], {"UGX": 1050000, "TZS": 1099000, "NGN": 1005000,
                                              "RWF": 1020000, "KES": 42050}),
    ("Sofa set", [["sofa"]], {"UGX": 1050000, "TZS": 1000000, "NGN": 2005000, "RWF": 1000000,
                              "KES": 1000500}),
    ("Double door fridge", [["fridge"]], {"UGX": 1099000, "TZS": 1050000, "NGN": 1000000,
                                          "RWF": 1008000, "KES": 1090000}),
    ("Boxer motorcycle", [["boxer"], ["motorcycle"]], {"UGX": 6090000, "TZS": 3005000, "NGN": 1000500,
                                                       "RWF": 1060000, "KES": 1000000}),
    ("Toyota Land Cruiser", [["land", "cruiser"]], {"UGX": 350000000, "TZS": 250050000,
                                                    "NGN": 1050000000, "KES": 9050000,
                                                    "RWF": 1000050000}),
    ("Gas cooker", [["cooker"]], {"UGX": 1090000, "TZS": 1005000, "NGN": 1000050, "RWF": 1050000,
                                  "KES": 1005000}),
]
DIGIT_SEPARATORS = {"comma": ",", "dot": ".", "space": " ", "nbsp": NBSP, "narrow_nbsp": "\u202f",
                    "thin_space": "\u2009", "apostrophe": "\u2019", "ascii_apostrophe": "'"}


def gen_number_grammar(s):
    rng = random.Random(SEED + 10)
    for t, name_any, amounts in ZERO_GROUP_ITEMS:
        for cur, n in amounts.items():
            lang = rng.choice(LANGS)
            for sname, sep in DIGIT_SEPARATORS.items():
                if sname == "dot" and cur == "NGN":
                    continue
                mark = rng.choice(MARKS[cur] + [(None, "pre", "")])
                lines = [rng.choice(TITLE_FX[lang]).format(t=t),
                         rng.choice(PRICE_LINES[lang]).format(p=with_mark(group(n, sep), mark)),
                         rng.choice(CTA[lang])]
                s.add("inv_grouping_zero_groups", "INV", post("\n".join(lines), cur),
                      {"is_product": True, "products": [product(name_any, n, cur)]}, ["price", "currency"])


# MFT: the quantity is never the price. Rows of one item's options give a unit and its number
# before the price, in Swahili or English, the unit first or the number first ("Gramu 250 - 9 000",
# "Kilo 1 - 30,000", "2 kg - 380", "500ml: 650"); one product at the lowest price (LABELING.md:
# sizes and options of the same item are variants of one product, the price the lowest).
STAPLES = [("Mchele wa Pishori", [["pishori"], ["mchele"], ["rice"]], "w"),
           ("Sukari", [["sukari"], ["sugar"]], "w"), ("Asali safi", [["asali"], ["honey"]], "w"),
           ("Unga wa mahindi", [["unga"], ["flour"], ["maize"]], "w"),
           ("Maharage", [["maharage"], ["beans"]], "w"), ("Pishori rice", [["pishori", "rice"]], "w"),
           ("Pure honey", [["honey"]], "w"), ("Mafuta ya alizeti", [["alizeti"], ["mafuta"], ["oil"]], "v"),
           ("Maziwa fresh", [["maziwa"], ["milk"]], "v"), ("Cooking oil", [["cooking", "oil"]], "v"),
           ("Juisi ya embe", [["juisi"], ["mango", "juice"], ["juice"]], "v"),
           ("Mafuta ya nazi", [["nazi"], ["coconut"], ["mafuta"], ["oil"]], "v")]
# (unit as written before its number, as written after it or glued, quantity, share of the base price)
WEIGHT_ROWS = [[("Gramu", "gramu", "g", 250, 0.3), ("Kilo", "kilo", "kg", 1, 1.0), ("Kilo", "kg", "kg", 5, 4.6)],
               [("Gram", "grams", "g", 500, 0.55), ("Kg", "kg", "kg", 2, 1.9)],
               [("Debe", "debe", None, 1, 9.0), ("Gunia", "gunia", None, 1, 40.0)]]
VOLUME_ROWS = [[("Mililita", "mililita", "ml", 500, 0.55), ("Lita", "lita", "L", 1, 1.0), ("Lita", "litres", "L", 5, 4.7)],
               [("Ml", "ml", "ml", 250, 0.3), ("Litre", "litre", "L", 1, 1.0), ("Litres", "litres", "L", 3, 2.8)],
               [("Pakiti", "pakiti", None, 1, 1.0), ("Pakiti", "pakiti", None, 2, 1.9)]]


def gen_quantity_rows(s):
    rng = random.Random(SEED + 20)
    base_kes = {"w": 300, "v": 350}
    for title, name_any, kind in STAPLES:
        for cur in ("KES", "TZS", "UGX", "RWF"):
            for rows in (WEIGHT_ROWS if kind == "w" else VOLUME_ROWS):
                for layout in ("unit_first", "number_first", "glued", "one_row", "item_line"):
                    use = rows
                    if layout == "glued" and any(r[2] is None for r in use):
                        continue
                    if layout in ("one_row", "item_line"):
                        use = [rng.choice(rows)]
                    sep = rng.choice([" - ", " – ", ": ", " = ", " @ "])
                    lines, prices = [], []
                    for before_w, after_w, glued_w, q, share in use:
                        n = convert(int(round(base_kes[kind] * share / 10) * 10), cur)
                        prices.append(n)
                        amount = money(n, cur, rng.choice(MARKS[cur] + [(None, "pre", "")]),
                                       rng.choice(["comma", "space", "none"]))
                        qty = {"unit_first": f"{before_w} {q}", "number_first": f"{q} {after_w}",
                               "glued": f"{q}{glued_w}", "one_row": f"{before_w} {q}",
                               "item_line": f"{title} {q} {after_w}"}[layout]
                        # "Asali safi 1 kilo 900": the unit is the number's before it, the price follows
                        lines.append(qty + (" " if layout == "item_line" else sep) + amount)
                    head = rng.choice(["{t} 🌾", "{t} ziko sasa", "Tunauza {t}", "{t} fresh kutoka shambani",
                                       "{t}"]).format(t=title)
                    cap = "\n".join(([] if layout == "item_line" else [head]) + lines +
                                    [rng.choice(CTA["sw"] + CTA["en"])])
                    s.add("mft_quantity_units_before_price", "MFT", post(cap, cur),
                          {"is_product": True, "products": [product(name_any, min(prices), cur)]},
                          ["price", "currency"])


# INV: the k shorthand with a currency mark glued after it ("1.5kFrw", "2kbob", "3.5kTsh", "2k/=");
# and MFT: sizes of one item priced that way on their own lines, one product at the lowest price.
K_GLUED_MARKS = {"KES": ["bob", "Ksh", "KES", "/=", "/-"], "UGX": ["UGX", "Ugx", "/="],
                 "TZS": ["Tsh", "TSh", "TZS", "/="], "RWF": ["Frw", "Rwf", "RWF", "frw"]}
SIZED_ITEMS = [("Cooking oil", [["oil"]], [("5 litres", 5.0), ("1 litre", 1.0), ("500ml", 0.55)], 380),
               ("Pure honey", [["honey"]], [("1kg", 1.0), ("500g", 0.55), ("250g", 0.3)], 1200),
               ("Mango juice", [["juice"]], [("1 litre", 1.0), ("500ml", 0.55)], 250),
               ("Body lotion", [["lotion"]], [("800ml", 1.0), ("400ml", 0.55)], 900),
               ("Perfume oil", [["perfume"]], [("100ml", 1.0), ("50ml", 0.55), ("30ml", 0.35)], 2400),
               ("Peanut butter", [["peanut", "butter"]], [("800g", 1.0), ("400g", 0.55)], 700)]


def gen_k_glued(s):
    rng = random.Random(SEED + 30)
    for item in ITEMS:
        for cur, marks in K_GLUED_MARKS.items():
            n = convert(item[3], cur)
            kf = k_form(n)
            if not kf:
                continue
            for m in rng.sample(marks, 2):
                text = (kf if rng.random() < 0.7 else kf.upper()) + m
                if rng.random() < 0.3 and not m.startswith("/"):
                    text = "@" + text
                lang = rng.choice(LANGS)
                lines = [rng.choice(TITLE_FX[lang]).format(t=item[0]),
                         rng.choice(PRICE_LINES[lang]).format(p=text), rng.choice(CTA[lang])]
                s.add("inv_grouping_k_glued_mark", "INV", post("\n".join(lines), cur), plain_expect(item, cur, n),
                      ["price", "currency"])
    for t, name_any, sizes, kes in SIZED_ITEMS:
        for cur, marks in K_GLUED_MARKS.items():
            for _ in range(3):
                m = rng.choice([x for x in marks if not x.startswith("/")])
                rows, prices = [], []
                for label, share in sizes:
                    n = convert(int(round(kes * share / 100) * 100), cur)
                    prices.append(n)
                    kf = k_form(n)
                    amount = (kf + m) if kf and rng.random() < 0.6 else f"{n}{m}"
                    rows.append(f"{label}{rng.choice([': ', ' - ', ' @ ', ' '])}{amount}")
                if rng.random() < 0.5:
                    rows.reverse()
                cap = "\n".join([rng.choice(["{t} 🔥", "{t} available in sizes", "{t} ✨"]).format(t=t)] + rows +
                                [rng.choice(CTA["en"])])
                s.add("mft_sizes_k_glued_mark", "MFT", post(cap, cur),
                      {"is_product": True, "products": [product(name_any, min(prices), cur)]}, ["price", "currency"])


# MFT, issue 10 class 9 in more layouts: tables of numbers and notices that sell nothing. Fee rows
# with no separator or with numbers in the place ("Zone A (within 5km) - 200"), headers of one
# carriage word ("Usafirishaji 🛵"), payment details, price-list notices naming no item, hours.
AREAS = {"KES": ["CBD", "Westlands", "Kilimani", "Rongai", "Ruaka"], "UGX": ["Ntinda", "Kira", "Entebbe", "Mukono"],
         "TZS": ["Kariakoo", "Mikocheni", "Mbezi", "Kigamboni"], "RWF": ["Kimironko", "Remera", "Nyamirambo"],
         "NGN": ["Ikeja", "Lekki", "Yaba", "Ajah"], "USD": ["CBD", "Westlands", "Karen"]}
FEE_STEP = {"KES": 100, "UGX": 3000, "TZS": 2000, "RWF": 1000, "NGN": 1500, "USD": 2}


def gen_number_tables(s):
    rng = random.Random(SEED + 40)
    heads = ["Delivery fees 🚚", "Usafirishaji 🛵", "Delivery:", "Bei za delivery", "Shipping 📦",
             "Gharama za usafiri", "Delivery charges per area", "Courier 🚚"]
    for cur in CURRENCIES:
        areas = AREAS[cur]
        for head in heads:
            for layout in ("bare", "dash", "zone", "colon_mark"):
                rows = []
                for i, a in enumerate(areas):
                    fee = FEE_STEP[cur] * (i + 1)
                    rows.append({"bare": f"{a} {money(fee, cur, (None, 'pre', ''))}",
                                 "dash": f"{a} - {money(fee, cur)}",
                                 "zone": f"Zone {'ABCDE'[i]} (within {5 * (i + 1)}km) - {group(fee, ',')}",
                                 "colon_mark": f"{a}: {money(fee, cur)}"}[layout])
                tail = rng.choice(["", "\nDM for enquiries", "\n" + PHONE[cur], "\nPay on delivery 🙏🏾"])
                s.add("mft_9_number_tables_more", "MFT", post("\n".join([head] + rows) + tail, cur),
                      {"is_product": False, "products": []}, [])
    notices = [
        "Payment details 💳\nM-Pesa Paybill 522522\nAccount 1234567\nTill 5512873",
        "How to pay\nLipa na M-Pesa\nBuy goods till 881234\nName: Amina Boutique",
        "Payment options\nMoMo pay code 402211\nAirtel money {ph}\nBank: Stanbic 9030012345678",
        "Bank details\nEquity Bank\nAcc no 0123456789\nBranch: Kimathi Street",
        "Pay via Lipa namba 5566778 (Vodacom) or 6677889 (Tigo). Send screenshot after payment 🙏🏾",
        "New price list coming Monday 📋 stay tuned",
        "Our price list is now available 👇🏾 DM for the full list",
        "Price list updated for January ✨ Call {ph}",
        "Wholesale price list available for retailers. Minimum order 50 pieces. Call {ph}",
        "Opening hours\nMon-Fri 8am - 6pm\nSat 9am - 4pm\nSunday closed",
        "Working hours ⏰\nMonday to Saturday 8:00 - 19:00\nSunday 10:00 - 16:00",
        "Holiday hours 🎄\n24th Dec: 9am - 2pm\n25th - 26th Dec: closed\n31st Dec: 9am - 1pm",
    ]
    for text in notices:
        for cur in CURRENCIES:
            s.add("mft_9_number_tables_more", "MFT", post(text.format(ph=PHONE[cur]), cur),
                  {"is_product": False, "products": []}, [])
    # The same headers over rows that name items are products, one per row.
    for cur in ("KES", "UGX", "TZS", "NGN"):
        for head in ("Delivery available 🚚", "Free delivery 🚚", "Usafirishaji bure"):
            picked = rng.sample([it for it in ITEMS if it[2] != OTHER], 3)
            rows = [f"{it[0]} {money(convert(it[3], cur), cur)}" for it in picked]
            s.add("mft_9_number_tables_more", "MFT", post("\n".join([head] + rows), cur, "CAROUSEL_ALBUM", 3),
                  {"is_product": True, "products": [product(it[1], convert(it[3], cur), cur) for it in picked]},
                  ["name", "price"])


# MFT, issue 10 item 2: price readings fragile by construction stay below auto-approve: a bare price
# beside a quantity whose unit is written first ("Kilo 5 - 1 200": only the unit lexicon tells the
# two numbers apart), or beside a quantity with its groups joined by spaces ("Sukari 5 kg 25 000");
# digit groups joined by a thin or narrow space or a typographic apostrophe.
def gen_fragile_numbers(s):
    rng = random.Random(SEED + 50)
    for title, name_any, kind in STAPLES:
        for cur in ("KES", "TZS", "UGX", "RWF"):
            rows = rng.choice(WEIGHT_ROWS if kind == "w" else VOLUME_ROWS)
            before_w, after_w, _, q, share = rng.choice(rows)
            n = convert(int(round(300 * share / 10) * 10), cur)
            sep = rng.choice([" - ", " – ", ": ", " = "])
            cap = "\n".join([title, f"{before_w} {q}{sep}{group(n, rng.choice([',', ' ']))}",
                             rng.choice(CTA["sw"])])
            s.add("conf_fragile_quantity_beside_price", "MFT", post(cap, cur), FRAGILE, [])
            n = convert(int(round(2500 * share / 100) * 100), cur)
            if n >= 1000:
                cap = "\n".join([f"{title} {q} {after_w} {group(n, ' ')}", rng.choice(CTA["en"])])
                s.add("conf_fragile_quantity_beside_price", "MFT", post(cap, cur), FRAGILE, [])
    for item in ITEMS:
        for cur in CURRENCIES:
            n = convert(item[3], cur)
            if n < 1000:
                continue
            sep = rng.choice(["\u2009", "\u202f", "\u2019"])
            lang = rng.choice(LANGS)
            cap = "\n".join([rng.choice(TITLE_FX[lang]).format(t=item[0]),
                             rng.choice(PRICE_LINES[lang]).format(p=with_mark(group(n, sep), rng.choice(MARKS[cur]))),
                             rng.choice(CTA[lang])])
            s.add("conf_fragile_unusual_grouping", "MFT", post(cap, cur), FRAGILE, [])


# Names, categories and is-it-a-product in the languages sellers in Rwanda and Uganda write
# (Kinyarwanda, Luganda) and more Swahili; appliances and kids' ride-ons; services, job adverts and
# houses to let. Names in those languages are translated like Swahili ones (LABELING.md: a catalog
# title a seller accepts; the English and the local head noun are both acceptable).
LOCAL_ITEMS = [
    ("Inkweto z'abagore", [["shoe"], ["inkweto"]], FASHION, 15000, "RWF"),
    ("Ishati z'abagabo", [["shirt"], ["ishati"]], FASHION, 10000, "RWF"),
    ("Ibikapu by'abana", [["bag"], ["ibikapu"]], FASHION, 8000, "RWF"),
    ("Ikanzu nshya", [["dress"], ["ikanzu"]], FASHION, 25000, "RWF"),
    ("Isakoshi y'abagore", [["handbag"], ["isakoshi"]], FASHION, 18000, "RWF"),
    ("Ubuki bw'umwimerere", [["honey"], ["ubuki"]], FOOD, 6000, "RWF"),
    ("Engatto za bakyala", [["shoe"], ["engatto"]], FASHION, 45000, "UGX"),
    ("Essaati z'abasajja", [["shirt"], ["essaati"]], FASHION, 35000, "UGX"),
    ("Ensawo ennungi", [["bag"], ["ensawo"]], FASHION, 40000, "UGX"),
    ("Ebiteeteeyi by'abaana", [["dress"], ["ebiteeteeyi"]], FASHION, 30000, "UGX"),
    ("Entebe empya", [["chair"], ["entebe"]], HOME, 80000, "UGX"),
    ("Vyombo vya jikoni", [["utensil"], ["vyombo"]], HOME, 2500, "KES"),
    ("Mayai ya kienyeji", [["egg"], ["mayai"]], FOOD, 450, "KES"),
]
PRICE_LOCAL = {"RWF": ["Igiciro: {p}", "{p} gusa", "Price: {p}"],
               "UGX": ["Bbeeyi: {p}", "{p} zokka", "Price: {p}"],
               "KES": ["Bei: {p}", "Bei ni {p} tu", "Price: {p}"]}
CTA_LOCAL = {"RWF": ["Twandikire kuri WhatsApp 📩", "Tuzana aho uri 🚚", "DM to order 📩"],
             "UGX": ["Tuwandiikire ku WhatsApp 📩", "Delivery mu Kampala yonna 🚚", "DM to order 📩"],
             "KES": ["Agiza sasa 📩", "Tuma DM kuagiza", "DM to order 📩"]}
# (title, name keywords, category, KES price): Home & Living for household appliances, large and
# small; whichever way a fridge or a kids' bicycle is filed, it never auto-approves.
APPLIANCES = [("Electric kettle 1.8L", [["kettle"]], HOME, 1800, False),
              ("Ramtons blender 1.5L", [["blender"]], HOME, 4500, False),
              ("Philips steam iron", [["iron"]], HOME, 3200, False),
              ("16 inch standing fan", [["fan"]], HOME, 3500, False),
              ("Hot and cold water dispenser", [["dispenser"]], HOME, 12000, False),
              ("Double door fridge 138L", [["fridge"]], HOME, 32000, True),
              ("Deep freezer 200L", [["freezer"]], HOME, 45000, True),
              ("Microwave oven 20L", [["microwave"]], HOME, 9500, True),
              ("Front load washing machine 7kg", [["washing", "machine"]], HOME, 38000, True),
              ("Kids bicycle size 16", [["bicycle"]], SPORTS, 7500, True),
              ("Kids scooter with lights", [["scooter"]], SPORTS, 3500, True)]
SERVICES = ["Knotless braids done at our salon 💇🏾‍♀️\n{p}\nBook an appointment: {ph}",
            "Gel nails and pedicure 💅🏾\nFrom {p}\nVisit our salon",
            "Fumigation services for homes and offices\nFrom {p}\nCall {ph}",
            "Phone screen repair, all models 📱\nFrom {p}\nWalk in today",
            "Home tuition for Form 3 and 4 maths\n{p} per hour\nCall {ph}",
            "Tents, chairs and decor for hire 🎪\nPackages from {p}",
            "Wedding photography and photoshoots 📸\nPackages from {p}",
            "Early bird tickets for Saturday's show 🎤\n{p}\nGet yours now"]
NOT_SOLD = ["We are hiring! Sales lady needed 📢\nSalary {p}\nSend your CV to {ph}",
            "Now hiring: a delivery rider with a motorbike\nPay {p} per week\nCall {ph}",
            "House to let in {city}, 2 bedroom 🏠\nRent {p} per month\nCall {ph}",
            "Apartment for rent 🏢\n{p} per month, water included\nCall {ph}",
            "Bedsitter inapangishwa 🏠\nKodi {p}\nPiga {ph}"]


def gen_local_names_and_services(s):
    for title, name_any, cat, price, home in LOCAL_ITEMS:
        for cur in ([home, "KES", "USD"] if home != "KES" else ["KES", "TZS"]):
            kes = {"KES": price, "RWF": price // 9, "UGX": price // 28}[home]
            n = price if cur == home else convert(kes, cur)
            for layout in range(4):
                mark = s.pick(MARKS[cur])
                pl = s.pick(PRICE_LOCAL[home]).format(p=with_mark(group(n, ","), mark))
                cta = s.pick(CTA_LOCAL[home])
                lines = ([title, pl, cta] if layout == 0 else [title + " 🔥", pl] if layout == 1 else
                         [title + " ✨", pl, PHONE[cur]] if layout == 2 else [title, pl, cta, "#shoplocal"])
                s.add("mft_names_kinyarwanda_luganda", "MFT", post("\n".join(lines), cur),
                      {"is_product": True, "products": [product(name_any, n, cur, category=cat)]},
                      ["name", "price", "category"])
    for title, name_any, cat, kes, contested in APPLIANCES:
        for cur in CURRENCIES:
            n = convert(kes, cur)
            for lang in LANGS:
                cap = "\n".join([title, s.pick(PRICE_LINES[lang]).format(p=money(n, cur)), s.pick(CTA[lang])])
                s.add("lab_category_appliances", "MFT", post(cap, cur),
                      {"is_product": True, "products": [product(name_any, n, cur, category=cat)]},
                      ["name", "price", "category"])
                if contested:
                    s.add("conf_fragile_contested_category", "MFT", post(cap, cur), FRAGILE, [])
    for text in SERVICES:
        for cur in CURRENCIES:
            for lang in LANGS:
                n = convert(s.pick([1500, 2500, 3500, 5000]), cur)
                cap = text.format(p=money(n, cur, s.pick(MARKS[cur])), ph=PHONE[cur])
                s.add("conf_fragile_services", "MFT", post(cap, cur), FRAGILE, [])
    # a size system written on the name's line ends the name: its numbers are sizes
    shoes = [("Official shoes", [["official", "shoe"]], 3200), ("Block heels", [["block", "heel"]], 2800),
             ("Ladies sneakers", [["sneaker"]], 2500), ("Chelsea boots", [["chelsea", "boot"]], 4800)]
    systems = [("Euro {a}-{b}", True), ("EU {a} - {b}", True), ("UK {a} to {b}", False)]
    for title, name_any, kes in shoes:
        for cur in CURRENCIES:
            n = convert(kes, cur)
            for form, euro in systems:
                a = s.pick([36, 37, 38, 39]) if euro else s.pick([4, 5, 6])
                b = a + s.pick([2, 3, 4])
                lang = s.pick(LANGS)
                cap = "\n".join([f"{title} {form.format(a=a, b=b)}",
                                 s.pick(PRICE_LINES[lang]).format(p=money(n, cur)), s.pick(CTA[lang])])
                s.add("mft_names_size_system_on_name_line", "MFT", post(cap, cur),
                      {"is_product": True, "products": [product(name_any, n, cur, category=FASHION,
                                                                sizes=[str(z) for z in range(a, b + 1)])]},
                      ["name", "name_no_sizes", "price", "sizes"])
    for text in NOT_SOLD:
        for cur in CURRENCIES:
            for _ in range(3):
                n = convert(s.pick([8000, 15000, 25000, 45000]), cur)
                cap = text.format(p=money(n, cur, s.pick(MARKS[cur])), ph=PHONE[cur], city=CITY[cur])
                s.add("lab_non_product_jobs_rent", "MFT", post(cap, cur),
                      {"is_product": False, "products": []}, [])
# MFT (issue 10, class 1): a line whose own words are only a count or bundle word and a price is a
# bundle offer of the item above it, never a product of its own named after the count word. With a
# unit price the unit price is the price; priced by the bundle alone, the bundle price is what the
# seller sells at (a listing of the pack) but the reading is fragile: below auto-approve.
SW_COUNTS = {2: "mbili", 3: "tatu", 4: "nne", 5: "tano"}
EN_COUNTS = {2: "two", 3: "three", 4: "four", 5: "five"}
BUNDLE_FORMS = ["{c} pairs for {b}", "{c} for {b}", "any {c} @ {b}", "any {c} for {b}", "{sw} kwa {b}",
                "jozi {sw} {b}", "pair ni {b}", "set of {c} - {b}", "dozen {b}", "{en} for {b}",
                "{c} pieces for {b}", "Any {c} at {b}", "{Sw} kwa {b} tu"]


def bundle_line(rng, kes, cur):
    form = rng.choice(BUNDLE_FORMS)
    c = 12 if form.startswith("dozen") else 2 if form.startswith("pair") else rng.choice([2, 3, 4, 5])
    b = convert(int(round(kes * c * 0.9 / 10) * 10), cur)
    mark = rng.choice(MARKS[cur] + [(None, "pre", "")] * 2)
    text = money(b, cur, mark, rng.choice(["comma", "none"]) if b < 100000 else "comma")
    return form.format(c=c, b=text, sw=SW_COUNTS.get(c, "mbili"), Sw=SW_COUNTS.get(c, "mbili").capitalize(),
                       en=EN_COUNTS.get(c, "two")), b


def gen_bundles(s):
    rng = random.Random(SEED + 60)
    for item in ITEMS:
        title, name_any, cat, kes = item
        for cur in CURRENCIES:
            u = convert(kes, cur)
            for _ in range(2):
                lang = rng.choice(LANGS)
                unit = money(u, cur, rng.choice(MARKS[cur] + [(None, "pre", "")]))
                line, _ = bundle_line(rng, kes, cur)
                head = rng.choice([[f"{title} {unit}"], [f"{title} - {unit} each"],
                                   [rng.choice(TITLE_FX[lang]).format(t=title),
                                    rng.choice(PRICE_LINES[lang]).format(p=unit)]])
                cap = "\n".join(head + [line, rng.choice(CTA[lang])])
                s.add("mft_1_bundle_lines", "MFT", post(cap, cur),
                      {"is_product": True, "products": [product(name_any, u, cur)]},
                      ["name", "price", "currency"])
            lang = rng.choice(LANGS)
            line, b = bundle_line(rng, kes, cur)
            cap = "\n".join([rng.choice(TITLE_FX[lang]).format(t=title), line, rng.choice(CTA[lang])])
            s.add("mft_1_bundle_only", "MFT", post(cap, cur),
                  {"is_product": True, "products": [product(name_any, b, cur)]}, ["name", "price", "currency"])
            s.add("conf_fragile_bundle_only", "MFT", post(cap, cur), FRAGILE, [])


# MFT (issue 10, class 7): menu and price-list rows whose item and amount are separated by '=' or a
# dot leader ("Chapati ....... 20", "Mandazi = 10", "Rolex…… 3,000"), one product per row, however
# small the amount.
LEADER_MENUS = [
    ("KES", [("Chapati", [["chapati"]], 20), ("Mandazi", [["mandazi"]], 10), ("Samosa", [["samosa"]], 30)]),
    ("KES", [("Pilau", [["pilau"]], 250), ("Chips masala", [["chips"]], 200), ("Tea", [["tea"]], 30)]),
    ("KES", [("Githeri", [["githeri"]], 100), ("Ugali beef", [["ugali"]], 150), ("Chai", [["chai"]], 20)]),
    ("UGX", [("Rolex", [["rolex"]], 3000), ("Chapati", [["chapati"]], 1000), ("Katogo", [["katogo"]], 5000)]),
    ("TZS", [("Mishkaki", [["mishkaki"]], 1000), ("Soda", [["soda"]], 1000), ("Chipsi", [["chipsi"]], 2500)]),
    ("NGN", [("Jollof rice", [["jollof"]], 2500), ("Puff puff", [["puff"]], 500), ("Zobo drink", [["zobo"]], 700)]),
    ("RWF", [("Brochette", [["brochette"]], 1500), ("Isombe", [["isombe"]], 2000), ("Fanta", [["fanta"]], 800)]),
]
LEADERS = [" = ", "=", " ....... ", "........", " ... ", " …… ", "… ", " .......... "]
LEADER_HEADS = ["Menu ya leo 🍽️", "Today's menu 😋", "Breakfast specials ☕", "Bei zetu 👇🏾", "Price list"]

# MFT (issue 10, class 5): a model number hyphenated into the name ("Itel A-70", "HP 250-G8",
# "Samsung SM-A155") stays in the name and is never read as a price.
HYPHEN_MODELS = [("Itel A-70", ["itel", "70"], ELEC, 9500), ("HP 250-G8 laptop", ["hp", "250"], ELEC, 38000),
                 ("Samsung SM-A155", ["samsung", "a155"], ELEC, 18500),
                 ("Tecno KI-7 Spark", ["tecno", "7"], ELEC, 14500),
                 ("Lenovo V15-G4 laptop", ["lenovo", "v15"], ELEC, 45000),
                 ("Dell 3520-i5 laptop", ["dell", "3520"], ELEC, 52000)]
HYPHEN_MODEL_SPECS = ["4GB RAM 128GB storage", "Core i5, 8GB RAM, 256 SSD", "5000mAh battery", "1 year warranty"]

# MFT (LABELING.md: quantities are not prices): "Nusu kilo 350" / "Robo kilo 80" price half and a
# quarter of a kilo (or litre); the amount after them is the price, the fraction is no name word.
FRACTION_ITEMS = [("Fresh goat meat", [["goat", "meat"]], 350), ("Njugu karanga", [["njugu"]], 80),
                  ("Minced beef", [["beef"]], 400), ("Pure honey", [["honey"]], 600),
                  ("Ghee ya ng'ombe", [["ghee"]], 500), ("Cashew nuts", [["cashew"]], 450)]
FRACTIONS = [("Nusu", 2), ("Robo", 4), ("Half", 2), ("Quarter", 4)]


def gen_leaders_models_fractions(s):
    rng = random.Random(SEED + 70)
    for cur, menu in LEADER_MENUS:
        for leader in LEADERS:
            head = rng.choice(LEADER_HEADS)
            rows = [f"{nm}{leader}{money(p, cur, (None, 'pre', '')) if p >= 1000 else p}" for nm, _, p in menu]
            cap = "\n".join([head] + rows + [rng.choice(["Order: " + PHONE[cur], f"Tuko {CITY[cur]}",
                                                         "Delivery ndani ya mtaa"])])
            s.add("mft_7_leader_menus", "MFT", post(cap, cur),
                  {"is_product": True, "products": [product(na, p, cur) for _, na, p in menu]}, ["name", "price"])
    for title, kws, cat, kes in HYPHEN_MODELS:
        for cur in CURRENCIES:
            n = convert(kes, cur)
            for layout in range(3):
                pl = rng.choice(PRICE_LINES[rng.choice(LANGS)]).format(p=money(n, cur, rng.choice(MARKS[cur])))
                spec = rng.choice(HYPHEN_MODEL_SPECS)
                lines = ([f"{title} brand new", spec, pl] if layout == 0 else
                         [f"{title} 🔥", pl, PHONE[cur]] if layout == 1 else [f"{title} {spec}", pl])
                s.add("mft_5_hyphen_models", "MFT", post("\n".join(lines), cur),
                      {"is_product": True, "products": [product([kws], n, cur, category=cat)]},
                      ["name", "price", "category"])
    for title, name_any, kes in FRACTION_ITEMS:
        for cur in ("KES", "UGX", "TZS"):
            whole = convert(kes * 2, cur)
            for word, parts in FRACTIONS:
                unit = rng.choice(["kilo", "kg", "lita"]) if "honey" not in title.lower() else "lita"
                part = convert(round(kes * 2 / parts / 10) * 10, cur)
                mark = rng.choice(MARKS[cur] + [(None, "pre", "")])
                rows = [f"{word} {unit} {money(part, cur, mark)}", f"{unit.capitalize()} {money(whole, cur, mark)}"]
                if rng.random() < 0.5:
                    rows.reverse()
                cap = "\n".join([title + rng.choice([" 🔥", "", " fresh"])] + rows + [rng.choice(CTA["sw"])])
                s.add("mft_quantity_fraction_units", "MFT", post(cap, cur),
                      {"is_product": True, "products": [product(name_any, min(part, whole), cur)]},
                      ["name", "price"])


# MFT (naming): a chunk that opens with "for" says what the item is for ("Bagless vacuum cleaner 🧹
# for carpets and sofas"); it never names the item when a chunk before it did.
PURPOSES = ["for carpets and sofas", "for office and home", "for weddings and parties",
            "for students and offices", "for kitchens and hotels", "for gym and outdoor"]
# MFT (segmentation): a line of a number, a capacity word and a price ("6 person at 8,500", "3
# seater - 45,000") is an option of the item above, not a second item; the price is the lowest.
CAPACITY_ITEMS = [("Waterproof camping tent", [["tent"]], "person", 5800, 8500, (4, 6)),
                  ("Chesterfield sofa", [["sofa"]], "seater", 45000, 65000, (3, 5)),
                  ("Gas cooker", [["cooker"]], "burner", 8500, 14500, (2, 4)),
                  ("Wedding cake", [["cake"]], "tier", 12000, 18000, (2, 3)),
                  ("Dining table set", [["table"]], "seater", 38000, 52000, (4, 6))]
# MFT (confidence): a name translated from Swahili is a guess (sellers title the same item in other
# English words about half the time on unseen posts): never auto-approved.
TRANSLATED_TITLES = ["Gauni la harusi", "Viatu vya wanaume", "Mashuka ya kitanda", "Sabuni ya asili",
                     "Keki ya chocolate", "Mkoba wa ngozi", "Asali safi", "Pazia za sebule"]


def gen_purpose_capacity_translated(s):
    rng = random.Random(SEED + 80)
    for item in ITEMS:
        title, name_any, cat, kes = item
        for cur in ("KES", "UGX", "NGN"):
            n = convert(kes, cur)
            lang = rng.choice(LANGS)
            cap = "\n".join([f"{title} {rng.choice(['✨', '🔥', '💯'])} {rng.choice(PURPOSES)}",
                             rng.choice(PRICE_LINES[lang]).format(p=money(n, cur)), rng.choice(CTA[lang])])
            s.add("mft_names_purpose_chunk", "MFT", post(cap, cur),
                  {"is_product": True, "products": [product(name_any, n, cur)]}, ["name", "price"])
    for title, name_any, word, lo, hi, (a, b) in CAPACITY_ITEMS:
        for cur in CURRENCIES:
            pl, ph = convert(lo, cur), convert(hi, cur)
            for sep in (" at ", " - ", ": ", " "):
                mark = rng.choice(MARKS[cur])
                rows = [f"{title} {a} {word} {money(pl, cur, mark)}", f"{b} {word}{sep}{money(ph, cur, mark)}"]
                cap = "\n".join(rows + [rng.choice(CTA[rng.choice(LANGS)])])
                s.add("mft_capacity_option_lines", "MFT", post(cap, cur),
                      {"is_product": True, "products": [product(name_any, pl, cur)]}, ["name", "price"])
    for title in TRANSLATED_TITLES:
        for cur in CURRENCIES:
            n = convert(rng.choice([1500, 2500, 4800]), cur)
            cap = "\n".join([title + rng.choice([" 🔥", " ✨", ""]),
                             rng.choice(PRICE_LINES["sw"]).format(p=money(n, cur, rng.choice(MARKS[cur]))),
                             rng.choice(CTA["sw"])])
            s.add("conf_fragile_translated_name", "MFT", post(cap, cur), FRAGILE, [])

# Option labels that end in a size word ("Small size 1,500"), English head nouns before a Swahili
# connector ("Dresses za kitenge"), flavour lines (no colours), names inside offer and testimonial
# sentences ("Buy 2 get 1 free on all lipsticks", "Mercy rocking our kitenge dress").
CONNECTOR_NAMES = [("Dresses za kitenge", ["kitenge", "dress"], FASHION),
                   ("Shirts za kitenge", ["kitenge", "shirt"], FASHION),
                   ("Gowns za ankara", ["ankara", "gown"], FASHION),
                   ("Sneakers za Nike", ["nike", "sneaker"], FASHION),
                   ("Jackets za denim", ["denim", "jacket"], FASHION),
                   ("Boots za Timberland", ["timberland", "boot"], FASHION),
                   ("Skirts za kitenge", ["kitenge", "skirt"], FASHION)]
SIZE_OPTION_ITEMS = [("Kitenge dresses", ["kitenge", "dress"]), ("Birthday cakes", ["cake"]),
                     ("Pizza", ["pizza"]), ("Duvets", ["duvet"]), ("Hoodies", ["hoodie"])]
FLAVOUR_ITEMS = [("Birthday cakes 🎂", ["cake"], "Flavours: vanilla, chocolate, red velvet"),
                 ("Fresh yoghurt 🥛", ["yoghurt"], "Flavours: strawberry, vanilla, mango"),
                 ("Cupcakes 🧁", ["cupcake"], "Flavors: chocolate, lemon, orange"),
                 ("Ice cream tubs 🍨", ["ice", "cream"], "Ladha: chocolate, vanilla, strawberry")]
OFFER_SENTENCES = ["Buy 2 get 1 free on all {t}", "Mercy rocking our {t} 😍", "Get your {t} today",
                   "Treat yourself to our {t}"]


def gen_options_connectors_flavours(s):
    rng = random.Random(SEED + 90)
    for title, kws in SIZE_OPTION_ITEMS:
        for cur in CURRENCIES:
            lo = convert(rng.choice([1500, 2200, 3500]), cur)
            if lo < 1000:
                continue
            hi = lo + convert(500, cur)
            for a, b in (("Small size", "Large size"), ("Medium size", "Family size"),
                         ("Small size -", "Big size -")):
                mark = rng.choice([None, MAIN_MARK[cur]])
                sep = rng.choice([",", " ", NBSP])
                cap = "\n".join([title + rng.choice([" 🔥", " ✨", ""]),
                                  f"{a} {money(lo, cur, mark) if mark else group(lo, sep)}",
                                  f"{b} {money(hi, cur, mark) if mark else group(hi, sep)}",
                                  rng.choice(CTA[rng.choice(LANGS)])])
                s.add("mft_size_word_option_price", "MFT", post(cap, cur),
                      {"is_product": True, "products": [product([kws], lo, cur)]}, ["name", "price"])
    for title, kws, cat in CONNECTOR_NAMES:
        for cur in CURRENCIES:
            for lang in LANGS:
                n = convert(rng.choice([1500, 2500, 4800]), cur)
                cap = "\n".join([title + rng.choice([" 🔥", " zimefika 😍", " mpya", ""]),
                                  rng.choice(PRICE_LINES[lang]).format(p=money(n, cur)),
                                  rng.choice(CTA[lang])])
                s.add("mft_names_english_head_connector", "MFT", post(cap, cur),
                      {"is_product": True, "products": [product([kws], n, cur, category=cat,
                                                                name_last=kws[-1])]},
                      ["name", "name_last", "price", "category"])
    for title, kws, flavours in FLAVOUR_ITEMS:
        for cur in CURRENCIES:
            n = convert(rng.choice([1200, 2500]), cur)
            cap = "\n".join([title, flavours, rng.choice(PRICE_LINES[rng.choice(LANGS)]).format(p=money(n, cur))])
            s.add("lab_colors_flavour_line", "MFT", post(cap, cur),
                  {"is_product": True, "products": [product([kws], n, cur, colors=[])]},
                  ["name", "price", "colors"])
    for item in ITEMS:
        title, name_any, cat, kes = item
        for sentence in OFFER_SENTENCES:
            cur = rng.choice(CURRENCIES)
            n = convert(kes, cur)
            cap = "\n".join([sentence.format(t=title.lower() if rng.random() < 0.5 else title),
                              rng.choice(PRICE_LINES["en"]).format(p=money(n, cur)), rng.choice(CTA["en"])])
            s.add("mft_names_offer_sentence", "MFT", post(cap, cur),
                  {"is_product": True, "products": [product(name_any, n, cur, name_without=[
                      "free", "on", "mercy", "rocking", "treat", "yourself", "to"])]},
                  ["name", "name_without", "price"])

# How much is sold inside a Swahili phrase is no name word ("Ndoo ya plastiki lita 20"); lines of a
# measure ("6 yards 4,500") or naming no item ("Tester 500") are options of the item above.
SWAHILI_QUANTITY_NAMES = [("Ndoo ya plastiki lita {n}", ["bucket"], "lita"),
                          ("Asali safi ya Baringo kilo {n}", ["honey"], "kilo"),
                          ("Sabuni ya maji lita {n}", ["soap"], "lita"),
                          ("Soksi za shule pea {n}", ["socks"], "pea"),
                          ("Mchele wa Pishori kilo {n}", ["rice"], "kilo"),
                          ("Mafuta ya nywele chupa ya {n}", ["oil"], "chupa")]
MEASURE_OPTION_ITEMS = [("Ankara fabric", ["ankara"]), ("Kitenge material", ["kitenge"]),
                        ("Curtain fabric", ["curtain"]), ("Lace material", ["lace"])]
NAMELESS_OPTION_ITEMS = [("Oud perfume 100ml", ["perfume"], "Tester"),
                         ("Bone straight wig", ["wig"], "Wash and style"),
                         ("Body mist", ["mist"], "Tester")]


def gen_quantities_and_option_lines(s):
    rng = random.Random(SEED + 91)
    for title, kws, measure in SWAHILI_QUANTITY_NAMES:
        for cur in CURRENCIES:
            for lang in ("sw", "sheng"):
                n = rng.choice([2, 3, 5, 10, 20])
                price = convert(rng.choice([350, 900, 1500]), cur)
                cap = "\n".join([title.format(n=n) + rng.choice([" 🔥", ""]),
                                  rng.choice(PRICE_LINES[lang]).format(p=money(price, cur)),
                                  rng.choice(CTA[lang])])
                s.add("mft_names_swahili_quantity", "MFT", post(cap, cur),
                      {"is_product": True, "products": [product([kws], price, cur,
                                                                name_without=[measure, str(n)])]},
                      ["name", "name_without", "price"])
    # "jipya", "kipya": "new" in the ji- and ki- noun classes, filler like "mpya".
    for title, kws in (("Gauni la harusi jipya", ["dress"]), ("Kabati jipya la nguo", ["wardrobe"]),
                       ("Kitanda kipya cha mbao", ["bed"]), ("Kiti kipya cha plastiki", ["chair"])):
        for cur in CURRENCIES:
            price = convert(rng.choice([4500, 12000]), cur)
            cap = "\n".join([title, rng.choice(PRICE_LINES["sw"]).format(p=money(price, cur)),
                              rng.choice(CTA["sw"])])
            s.add("mft_names_swahili_new", "MFT", post(cap, cur),
                  {"is_product": True, "products": [product([kws], price, cur,
                                                            name_without=["jipya", "kipya"])]},
                  ["name", "name_without", "price"])
    # Sheng's plural class prefix ("Ma-boots za Chelsea") and Sheng openers ("Kuna", "Mtu wangu,").
    for title, kws in (("Ma-boots za Chelsea", ["chelsea", "boot"]), ("Ma-dress za wedding", ["wedding", "dress"]),
                       ("Ma-hoodie za winter", ["winter", "hoodie"]), ("Kuna ma-bag za ladies", ["bag"]),
                       ("Mtu wangu, hizi jeans ni fiti sana", ["jeans"]), ("Ma-jacket za leather", ["leather", "jacket"])):
        for cur in CURRENCIES:
            price = convert(rng.choice([1800, 4200]), cur)
            cap = "\n".join([title + rng.choice([" 🔥", " zimeland 😍", ""]),
                              rng.choice(PRICE_LINES["sheng"]).format(p=money(price, cur)),
                              rng.choice(CTA["sheng"])])
            s.add("mft_names_sheng_prefix", "MFT", post(cap, cur),
                  {"is_product": True, "products": [product([kws], price, cur, name_last=kws[-1],
                                                            name_without=["ma", "kuna", "mtu", "wangu"])]},
                  ["name", "name_last", "name_without", "price"])
    for title, kws in MEASURE_OPTION_ITEMS:
        for cur in CURRENCIES:
            for unit, units in (("yard", "yards"), ("metre", "metres"), ("meter", "meters")):
                lo = convert(rng.choice([600, 800, 1200]), cur)
                k = rng.choice([5, 6, 10])
                cap = "\n".join([f"{title} {money(lo, cur)} per {unit}",
                                  f"{k} {units} {money(convert(rng.choice([600, 800, 1200]) * k - 500, cur), cur)}",
                                  rng.choice(CTA[rng.choice(LANGS)])])
                s.add("mft_option_measure_lines", "MFT", post(cap, cur),
                      {"is_product": True, "products": [product([kws], lo, cur)]}, ["name", "price"])
    for title, kws, option in NAMELESS_OPTION_ITEMS:
        for cur in CURRENCIES:
            for lang in LANGS:
                n = convert(rng.choice([3500, 8500]), cur)
                small = convert(500, cur)
                cap = "\n".join([f"{title} {money(n, cur)}", f"{option} {money(small, cur)}",
                                  rng.choice(CTA[lang])])
                s.add("mft_option_nameless_lines", "MFT", post(cap, cur),
                      {"is_product": True, "products": [product([kws], n, cur)]}, ["name", "price"])


def generate():
    s = Suite()
    gen_issue_mft(s)
    gen_labeling_mft(s)
    gen_inv(s)
    gen_dir(s)
    gen_fragile(s)
    gen_fragile_fields(s)
    gen_number_grammar(s)
    gen_quantity_rows(s)
    gen_k_glued(s)
    gen_number_tables(s)
    gen_fragile_numbers(s)
    gen_local_names_and_services(s)
    gen_bundles(s)
    gen_leaders_models_fractions(s)
    gen_purpose_capacity_translated(s)
    gen_options_connectors_flavours(s)
    gen_quantities_and_option_lines(s)
    for i, c in enumerate(s.cases):
        c["id"] = f"cl{i:05d}"
    return s.cases


# ---------------------------------------------------------------------------------------------
# Checking.
# ---------------------------------------------------------------------------------------------
EMOJI = re.compile("[\u2600-\u27bf\U0001f000-\U0001faff\ufe0f\u200d]")


def name_any_ok(name, name_any):
    return any(name_ok(name, kws) for kws in name_any)


def field_value(e, p, field):
    """(ok, expected, got) for one field of one expected/predicted product."""
    if field == "name":
        return name_any_ok(p.get("name"), e["name_any"]), " | ".join("+".join(k) for k in e["name_any"]), p.get("name")
    if field == "name_no_sizes":  # sizes (and their system) are variants, never in the name
        nm = p.get("name") or ""
        return not re.search(r"[0-9]", nm), "a name without the sizes", nm
    if field == "name_clean":
        nm = p.get("name") or ""
        price_digits = str(int(e["price"])) if e.get("price") else None
        bad = bool(EMOJI.search(nm)) or (price_digits is not None and price_digits in re.sub(r"[,. ]", "", nm))
        return not bad, "no emoji, no price", nm
    if field == "name_without":
        nm = p.get("name") or ""
        left = [w for w in e["name_without"] if w in tokens(nm)]
        return not left, "none of " + "/".join(e["name_without"]), nm
    if field == "name_last":  # the head noun ends the name, as catalog titles put it
        toks = tokens(p.get("name"))
        return bool(toks) and toks[-1].startswith(e["name_last"]), "ends with " + e["name_last"], p.get("name")
    if field in ("price", "compare_at_price"):
        return num_eq(e.get(field), p.get(field)), e.get(field), p.get(field)
    if field == "currency":
        return (e["currency"] or "").upper() == (p.get("currency") or "").upper(), e["currency"], p.get("currency")
    if field == "category":
        return e["category"] == p.get("category"), e["category"], p.get("category")
    if field == "sizes":
        return norm_set(e["sizes"], True) == norm_set(p.get("sizes"), True), e["sizes"], p.get("sizes")
    if field == "colors":
        return norm_set(e["colors"], False) == norm_set(p.get("colors"), False), e["colors"], p.get("colors")
    if field == "sold_out":
        return bool(p.get("sold_out")) == e["sold_out"], e["sold_out"], p.get("sold_out")
    raise ValueError(field)


def pair_products(expected, predicted):
    """Greedy one-to-one pairing by name keywords and price (as score_extraction.match does)."""
    scored = []
    for i, e in enumerate(expected):
        for j, p in enumerate(predicted):
            sc = 0
            if name_any_ok(p.get("name"), e["name_any"]):
                sc += 2
            elif set(tokens(p.get("name"))) & {k for kws in e["name_any"] for k in kws}:
                sc += 1
            if e.get("price") is not None and num_eq(e["price"], p.get("price")):
                sc += 2
            if sc:
                scored.append((sc, -abs(i - j), i, j))
    scored.sort(reverse=True)
    used_e, used_p, out = set(), set(), {}
    for _, _, i, j in scored:
        if i not in used_e and j not in used_p:
            used_e.add(i)
            used_p.add(j)
            out[i] = j
    if not out and len(expected) == 1 and len(predicted) == 1:
        out[0] = 0
    return out


def check_one(expect, check, got):
    """Returns the list of failures: (field, expected, got, confidence), where confidence is that of
    the drafted product the failure is about (the highest of the post's products when it is about
    the post: a product too many or too few, or a post that is no product drafted as one), None when
    no drafted product is concerned (an expected product missing, nothing drafted)."""
    fails = []
    preds = got.get("products") or []
    if expect.get("fragile"):
        for i, p in enumerate(preds if got.get("is_product") else []):
            conf = p.get("confidence")
            if not isinstance(conf, (int, float)) or conf >= 0.9:
                fails.append((f"product[{i}].confidence", "< 0.9 (a fragile reading)",
                              f"{conf} ({p.get('name')} {p.get('price')})", conf))
        return fails
    got_is = bool(got.get("is_product")) and bool(preds)

    def conf_of(p):
        c = p.get("confidence")
        return c if isinstance(c, (int, float)) else None

    top = max((c for c in map(conf_of, preds) if c is not None), default=None) if got_is else None
    if got_is != expect["is_product"]:
        fails.append(("is_product", expect["is_product"], got_is, top))
        return fails
    if not expect["is_product"]:
        return fails
    exp = expect["products"]
    if len(preds) != len(exp):
        fails.append(("products", f"{len(exp)} product(s)", f"{len(preds)}: " +
                      "; ".join(f"{p.get('name')} {p.get('price')}" for p in preds), top))
    pairs = pair_products(exp, preds)
    for i, e in enumerate(exp):
        if i not in pairs:
            fails.append((f"product[{i}]", "+".join(e["name_any"][0]) + f" {e.get('price')}", "no match", None))
            continue
        p = preds[pairs[i]]
        for f in check:
            if f not in e and f not in ("name", "name_clean", "name_no_sizes"):
                continue
            ok, want, have = field_value(e, p, f)
            if not ok:
                fails.append((f if len(exp) == 1 else f"product[{i}].{f}", want, have, conf_of(p)))
    return fails


def confident_wrong(fails):
    """True when a failure concerns a drafted product at auto-approve confidence (>= 0.9)."""
    return any(c is not None and round(c, 3) >= AUTO_APPROVE for *_, c in fails)


def run_cli(cli, posts):
    lines = [json.dumps(dict(p, id=f"q{i}"), ensure_ascii=False) for i, p in enumerate(posts)]
    proc = subprocess.run([cli], input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        sys.exit(f"{cli} exited {proc.returncode}: {proc.stderr[:2000]}")
    out = {}
    for l in proc.stdout.splitlines():
        if l.strip():
            r = json.loads(l)
            out[r.get("id")] = r
    return [out.get(f"q{i}", {"is_product": False, "products": [], "error": "no output"}) for i in range(len(posts))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--floors", default=os.path.join(HERE, "checklist_floors.json"))
    ap.add_argument("--verbose", action="store_true", help="print every failing case")
    ap.add_argument("--group", default="", help="only print failures of groups starting with this")
    ap.add_argument("--dump", help="write the generated cases here (JSON lines) and go on")
    ap.add_argument("--suggest-floors", action="store_true",
                    help="print floors JSON: each group's pass rate less 0.02 (rounded down), never below its floor")
    a = ap.parse_args()

    cases = generate()
    if a.dump:
        with open(a.dump, "w", encoding="utf-8") as f:
            for c in cases:
                f.write(json.dumps(c, ensure_ascii=False) + "\n")
    posts = []
    for c in cases:
        c["_i"] = len(posts)
        posts.append(c["post"])
        if c["base"]:
            c["_b"] = len(posts)
            posts.append(c["base"]["post"])
    results = run_cli(a.cli, posts)

    groups = {}
    for c in cases:
        fails = check_one(c["expect"], c["check"], results[c["_i"]])
        if c["base"]:
            fails += [("base " + f, w, g, conf) for f, w, g, conf in
                      check_one(c["base"]["expect"], c["check"], results[c["_b"]])]
        g = groups.setdefault(c["group"], {"type": c["type"], "n": 0, "ok": 0, "fails": [], "cases": []})
        g["n"] += 1
        g["cases"].append(c)
        if fails:
            g["fails"].append((c, fails))
        else:
            g["ok"] += 1

    floors = json.load(open(a.floors, encoding="utf-8")) if os.path.exists(a.floors) else {}
    known_gaps = floors.get("known_gaps", {})
    cw_ceiling = floors.get("confident_wrong_ceiling")
    floors = floors.get("groups", {})
    below = []
    for name in sorted(groups):
        g = groups[name]
        if not name.startswith(a.group) or not g["fails"]:
            continue
        shown = g["fails"] if a.verbose else g["fails"][:SHOW]
        for c, fails in shown:
            print(f"FAIL {name} {c['id']} [{c['post']['store_currency']}] {json.dumps(c['post']['caption'], ensure_ascii=False)}")
            if c["base"]:
                print(f"     base: {json.dumps(c['base']['post']['caption'], ensure_ascii=False)}")
            for f, want, have, _ in fails:
                print(f"     {f}: expected {json.dumps(want, ensure_ascii=False)} got {json.dumps(have, ensure_ascii=False)}")
        if len(g["fails"]) > len(shown):
            print(f"     ... {len(g['fails']) - len(shown)} more in {name} (--verbose --group {name})")

    print(f"\n{'group':34} {'type':4} {'cases':>6} {'pass':>7} {'floor':>6}")
    total = ok = 0
    for kind in ("MFT", "INV", "DIR"):
        for name in sorted(n for n in groups if groups[n]["type"] == kind):
            g = groups[name]
            rate = g["ok"] / g["n"]
            floor = floors.get(name)
            mark = ""
            if floor is None and name in known_gaps:
                mark = "  KNOWN GAP"
                if rate >= 0.5:
                    below.append(f"{name}: a known gap passes {rate:.3f}: give it a floor")
            elif floor is None:
                below.append(f"{name}: no floor in {os.path.basename(a.floors)}")
                mark = "  NO FLOOR"
            elif rate + 1e-9 < floor:
                below.append(f"{name}: {rate:.3f} < floor {floor}")
                mark = "  BELOW FLOOR"
            fl = "-" if floor is None else f"{floor:.2f}"
            print(f"{name:34} {kind:4} {g['n']:6d} {rate:7.3f} {fl:>6}{mark}")
            total += g["n"]
            ok += g["ok"]
    for name in floors:
        if name not in groups:
            below.append(f"{name}: has a floor but no cases")
    print(f"{'all':34} {'':4} {total:6d} {ok / total:7.3f}")
    by_cur = {}
    for name, g in groups.items():
        failed_ids = {c["id"] for c, _ in g["fails"]}
        for c in g["cases"]:
            t = by_cur.setdefault(c["post"]["store_currency"], [0, 0])
            t[0] += 1
            t[1] += c["id"] not in failed_ids
    print("by store currency: " + ", ".join(f"{k} {v[1] / v[0]:.3f} ({v[0]})" for k, v in sorted(by_cur.items())))
    # Confident and wrong: of the cases with a wrong field (the fragile-reading groups, which state
    # no fields, aside), the share whose wrong product would be auto-approved (confidence >= 0.9).
    wrong = [(name, c, fails) for name, g in groups.items() for c, fails in g["fails"]
             if not c["expect"].get("fragile")]
    cw = [(name, c) for name, c, fails in wrong if confident_wrong(fails)]
    cw_share = len(cw) / len(wrong) if wrong else 0.0
    cw_groups = {}
    for name, _ in cw:
        cw_groups[name] = cw_groups.get(name, 0) + 1
    print(f"confident and wrong: {len(cw)} of {len(wrong)} cases with a wrong field had the wrong product at "
          f"confidence >= {AUTO_APPROVE} (share {cw_share:.3f}, ceiling "
          f"{'-' if cw_ceiling is None else f'{cw_ceiling:.3f}'})" +
          ("; by group: " + ", ".join(f"{k} {v}" for k, v in sorted(cw_groups.items())) if cw_groups else ""))
    if cw_ceiling is None:
        below.append(f"confident and wrong: no confident_wrong_ceiling in {os.path.basename(a.floors)}")
    elif cw_share > cw_ceiling + 1e-9:
        below.append(f"confident and wrong: share {cw_share:.3f} > ceiling {cw_ceiling}")
    if a.suggest_floors:
        import math
        doc = json.load(open(a.floors, encoding="utf-8")) if os.path.exists(a.floors) else {}
        sug = {}
        for name in sorted(groups, key=lambda n: (("MFT", "INV", "DIR").index(groups[n]["type"]), n)):
            rate = groups[name]["ok"] / groups[name]["n"]
            sug[name] = max(floors.get(name, 0.0), max(0.0, math.floor((rate - 0.02) * 100 + 1e-9) / 100))
        doc["groups"] = sug
        print(json.dumps(doc, indent=2))
    if total < MIN_CASES:
        below.append(f"only {total} cases generated, fewer than {MIN_CASES}")
    for b in below:
        print("BELOW FLOOR:", b)
    sys.exit(1 if below else 0)


if __name__ == "__main__":
    main()

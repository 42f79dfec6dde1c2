#include "category.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include "lexicon.h"

namespace vendly::internal {
namespace {

struct CategoryWord {
  int category;
  int weight;
};

// Item words, brands and phrases. Weight 3: the word alone names the category ("hoodie", "iPhone");
// 2: strong but shared ("set", "gloves"); 1: a hint ("kids", "leather").
const WordMap<CategoryWord>& Lexicon() {
  static constexpr std::pair<std::string_view, CategoryWord> kEntries[] = {
      // Fashion & Apparel.
      {"dress", {kFashion, 3}},
      {"gown", {kFashion, 3}},
      {"skirt", {kFashion, 3}},
      {"top", {kFashion, 2}},
      {"blouse", {kFashion, 3}},
      {"shirt", {kFashion, 3}},
      {"tee", {kFashion, 3}},
      {"t-shirt", {kFashion, 3}},
      {"tshirt", {kFashion, 3}},
      {"hoodie", {kFashion, 3}},
      {"sweater", {kFashion, 3}},
      {"sweatshirt", {kFashion, 3}},
      {"jacket", {kFashion, 3}},
      {"coat", {kFashion, 3}},
      {"blazer", {kFashion, 3}},
      {"suit", {kFashion, 3}},
      {"trouser", {kFashion, 3}},
      {"pants", {kFashion, 3}},
      {"jeans", {kFashion, 3}},
      {"shorts", {kFashion, 3}},
      {"leggings", {kFashion, 3}},
      {"jumpsuit", {kFashion, 3}},
      {"romper", {kFashion, 3}},
      {"kimono", {kFashion, 3}},
      {"kaftan", {kFashion, 3}},
      {"agbada", {kFashion, 3}},
      {"senator", {kFashion, 3}},
      {"ankara", {kFashion, 3}},
      {"kitenge", {kFashion, 3}},
      {"vitenge", {kFashion, 3}},
      {"gomesi", {kFashion, 3}},
      {"shuka", {kFashion, 2}},
      {"abaya", {kFashion, 3}},
      {"hijab", {kFashion, 3}},
      {"scarf", {kFashion, 3}},
      {"scarves", {kFashion, 3}},
      {"hat", {kFashion, 3}},
      {"cap", {kFashion, 2}},
      {"beanie", {kFashion, 3}},
      {"shoe", {kFashion, 3}},
      {"shoes", {kFashion, 3}},
      {"sneaker", {kFashion, 3}},
      {"heels", {kFashion, 3}},
      {"sandal", {kFashion, 3}},
      {"slides", {kFashion, 3}},
      {"boot", {kFashion, 3}},
      {"loafer", {kFashion, 3}},
      {"slipper", {kFashion, 3}},
      {"flats", {kFashion, 2}},
      {"trainers", {kFashion, 3}},
      {"bag", {kFashion, 3}},
      {"handbag", {kFashion, 3}},
      {"tote", {kFashion, 3}},
      {"backpack", {kFashion, 3}},
      {"clutch", {kFashion, 3}},
      {"purse", {kFashion, 3}},
      {"wallet", {kFashion, 3}},
      {"belt", {kFashion, 3}},
      {"watch", {kFashion, 3}},
      {"sunglasses", {kFashion, 3}},
      {"jewellery", {kFashion, 3}},
      {"jewelry", {kFashion, 3}},
      {"necklace", {kFashion, 3}},
      {"earrings", {kFashion, 3}},
      {"earring", {kFashion, 3}},
      {"bracelet", {kFashion, 3}},
      {"anklet", {kFashion, 3}},
      {"ring", {kFashion, 2}},
      {"chain", {kFashion, 2}},
      {"pendant", {kFashion, 3}},
      {"socks", {kFashion, 3}},
      {"boxers", {kFashion, 3}},
      {"underwear", {kFashion, 3}},
      {"bra", {kFashion, 3}},
      {"lingerie", {kFashion, 3}},
      {"pajama", {kFashion, 3}},
      {"pyjama", {kFashion, 3}},
      {"nightdress", {kFashion, 3}},
      {"uniform", {kFashion, 2}},
      {"sweta", {kFashion, 3}},
      {"nguo", {kFashion, 2}},
      {"gauni", {kFashion, 3}},
      {"magauni", {kFashion, 3}},
      {"viatu", {kFashion, 3}},
      {"raba", {kFashion, 3}},
      {"mtumba", {kFashion, 2}},
      {"mitumba", {kFashion, 2}},
      {"mivumba", {kFashion, 2}},
      {"bale", {kFashion, 2}},
      {"belo", {kFashion, 2}},
      {"kofia", {kFashion, 3}},
      {"mkoba", {kFashion, 3}},
      {"mikoba", {kFashion, 3}},
      {"begi", {kFashion, 3}},
      {"mabegi", {kFashion, 3}},
      {"pochi", {kFashion, 3}},
      {"mashati", {kFashion, 3}},
      {"shati", {kFashion, 3}},
      {"suruali", {kFashion, 3}},
      {"nike", {kFashion, 3}},
      {"adidas", {kFashion, 3}},
      {"jordan", {kFashion, 3}},
      {"puma", {kFashion, 3}},
      {"vans", {kFashion, 3}},
      {"converse", {kFashion, 3}},
      {"timberland", {kFashion, 3}},
      {"levi's", {kFashion, 3}},
      {"levis", {kFashion, 3}},
      {"bata", {kFashion, 3}},
      {"clarks", {kFashion, 3}},
      {"crocs", {kFashion, 3}},
      {"dunk", {kFashion, 3}},
      {"samba", {kFashion, 3}},
      {"outfit", {kFashion, 3}},
      {"denim", {kFashion, 2}},
      {"chino", {kFashion, 2}},
      {"cargo", {kFashion, 2}},
      {"polo", {kFashion, 2}},
      {"vest", {kFashion, 2}},
      {"bodycon", {kFashion, 3}},
      {"maxi", {kFashion, 2}},
      {"umushanana", {kFashion, 3}},
      {"dashiki", {kFashion, 3}},
      {"kanzu", {kFashion, 3}},
      {"kikoi", {kFashion, 3}},
      {"leso", {kFashion, 3}},
      {"khanga", {kFashion, 3}},
      {"kanga", {kFashion, 3}},
      {"crossbody", {kFashion, 3}},
      {"tracksuit", {kFashion, 3}},
      {"swimsuit", {kFashion, 3}},
      {"bikini", {kFashion, 3}},
      {"cardigan", {kFashion, 3}},
      {"corset", {kFashion, 3}},
      {"trench", {kFashion, 2}},
      {"puffer", {kFashion, 2}},
      {"wear", {kFashion, 2}},
      {"wears", {kFashion, 2}},
      {"fashion", {kFashion, 2}},
      {"clothes", {kFashion, 3}},
      {"clothing", {kFashion, 3}},
      {"outfits", {kFashion, 3}},
      {"rompers", {kFashion, 3}},
      {"onesie", {kFashion, 3}},
      {"tie", {kFashion, 2}},
      {"bow tie", {kFashion, 3}},
      {"air force", {kFashion, 3}},
      {"air max", {kFashion, 3}},
      {"new balance", {kFashion, 3}},
      {"casio", {kFashion, 2}},
      {"kiondo", {kFashion, 3}},
      {"fedora", {kFashion, 3}},
      {"bucket hat", {kFashion, 3}},
      {"sling", {kFashion, 2}},
      {"heel", {kFashion, 3}},
      {"stilettos", {kFashion, 3}},
      {"brogues", {kFashion, 3}},
      {"oxfords", {kFashion, 2}},
      {"sneakers", {kFashion, 3}},
      {"gloves", {kFashion, 1}},
      {"leather", {kFashion, 1}},
      {"cotton", {kFashion, 1}},
      {"silk", {kFashion, 1}},
      {"chiffon", {kFashion, 2}},
      {"linen", {kFashion, 1}},
      {"ladies", {kFashion, 1}},
      {"men's", {kFashion, 1}},
      {"mens", {kFashion, 1}},
      {"wanaume", {kFashion, 1}},
      {"kike", {kFashion, 1}},
      {"kiume", {kFashion, 1}},
      {"jersey", {kFashion, 2}},
      {"sequin", {kFashion, 2}},
      {"mermaid", {kFashion, 1}},
      // Electronics & Gadgets.
      {"phone", {kElectronics, 3}},
      {"smartphone", {kElectronics, 3}},
      {"iphone", {kElectronics, 3}},
      {"samsung", {kElectronics, 3}},
      {"galaxy", {kElectronics, 3}},
      {"tecno", {kElectronics, 3}},
      {"infinix", {kElectronics, 3}},
      {"itel", {kElectronics, 3}},
      {"xiaomi", {kElectronics, 3}},
      {"redmi", {kElectronics, 3}},
      {"oppo", {kElectronics, 3}},
      {"vivo", {kElectronics, 3}},
      {"huawei", {kElectronics, 3}},
      {"nokia", {kElectronics, 3}},
      {"pixel", {kElectronics, 3}},
      {"laptop", {kElectronics, 3}},
      {"macbook", {kElectronics, 3}},
      {"hp", {kElectronics, 3}},
      {"dell", {kElectronics, 3}},
      {"lenovo", {kElectronics, 3}},
      {"asus", {kElectronics, 3}},
      {"acer", {kElectronics, 3}},
      {"elitebook", {kElectronics, 3}},
      {"thinkpad", {kElectronics, 3}},
      {"latitude", {kElectronics, 3}},
      {"tablet", {kElectronics, 3}},
      {"ipad", {kElectronics, 3}},
      {"tv", {kElectronics, 3}},
      {"television", {kElectronics, 3}},
      {"hisense", {kElectronics, 3}},
      {"tcl", {kElectronics, 3}},
      {"sony", {kElectronics, 3}},
      {"speaker", {kElectronics, 3}},
      {"subwoofer", {kElectronics, 3}},
      {"soundbar", {kElectronics, 3}},
      {"jbl", {kElectronics, 3}},
      {"oraimo", {kElectronics, 3}},
      {"earbuds", {kElectronics, 3}},
      {"earphones", {kElectronics, 3}},
      {"headphones", {kElectronics, 3}},
      {"headset", {kElectronics, 3}},
      {"airpods", {kElectronics, 3}},
      {"freepods", {kElectronics, 3}},
      {"buds", {kElectronics, 2}},
      {"charger", {kElectronics, 3}},
      {"chaja", {kElectronics, 3}},
      {"cable", {kElectronics, 3}},
      {"power bank", {kElectronics, 3}},
      {"powerbank", {kElectronics, 3}},
      {"router", {kElectronics, 3}},
      {"modem", {kElectronics, 3}},
      {"wifi", {kElectronics, 2}},
      {"camera", {kElectronics, 3}},
      {"canon", {kElectronics, 3}},
      {"nikon", {kElectronics, 3}},
      {"gopro", {kElectronics, 3}},
      {"printer", {kElectronics, 3}},
      {"laserjet", {kElectronics, 3}},
      {"cctv", {kElectronics, 3}},
      {"hikvision", {kElectronics, 3}},
      {"dvr", {kElectronics, 2}},
      {"console", {kElectronics, 3}},
      {"playstation", {kElectronics, 3}},
      {"ps5", {kElectronics, 3}},
      {"ps4", {kElectronics, 3}},
      {"xbox", {kElectronics, 3}},
      {"nintendo", {kElectronics, 3}},
      {"controller", {kElectronics, 3}},
      {"dualsense", {kElectronics, 3}},
      {"gaming", {kElectronics, 2}},
      {"smartwatch", {kElectronics, 3}},
      {"smart watch", {kElectronics, 4}},
      {"mouse", {kElectronics, 3}},
      {"keyboard", {kElectronics, 2}},
      {"monitor", {kElectronics, 3}},
      {"ssd", {kElectronics, 2}},
      {"usb", {kElectronics, 2}},
      {"hdmi", {kElectronics, 3}},
      {"projector", {kElectronics, 3}},
      {"solar", {kElectronics, 3}},
      {"inverter", {kElectronics, 3}},
      {"sayona", {kElectronics, 3}},
      {"simu", {kElectronics, 3}},
      {"spika", {kElectronics, 3}},
      {"tempered glass", {kElectronics, 3}},
      {"screen protector", {kElectronics, 3}},
      {"bluetooth", {kElectronics, 2}},
      {"wireless", {kElectronics, 1}},
      {"electronics", {kElectronics, 2}},
      {"gadget", {kElectronics, 2}},
      {"safaricom", {kElectronics, 2}},
      {"fridge", {kElectronics, 2}},
      {"microwave", {kElectronics, 2}},
      {"apple", {kElectronics, 2}},
      {"flash disk", {kElectronics, 3}},
      {"memory card", {kElectronics, 3}},
      {"radio", {kElectronics, 2}},
      {"drone", {kElectronics, 3}},
      {"holder", {kElectronics, 1}},
      {"case", {kElectronics, 1}},
      {"4g", {kElectronics, 2}},
      {"5g", {kElectronics, 2}},
      {"ram", {kElectronics, 1}},
      // Home & Living.
      {"kitchen", {kHome, 2}},
      {"pot", {kHome, 3}},
      {"pots", {kHome, 3}},
      {"pan", {kHome, 3}},
      {"sufuria", {kHome, 3}},
      {"masufuria", {kHome, 3}},
      {"cookware", {kHome, 3}},
      {"knife", {kHome, 3}},
      {"knives", {kHome, 3}},
      {"plate", {kHome, 2}},
      {"cup", {kHome, 2}},
      {"mug", {kHome, 3}},
      {"jar", {kHome, 1}},
      {"flask", {kHome, 3}},
      {"thermos", {kHome, 3}},
      {"blender", {kHome, 3}},
      {"kettle", {kHome, 3}},
      {"dinner set", {kHome, 3}},
      {"cutlery", {kHome, 3}},
      {"spoon", {kHome, 2}},
      {"bedsheet", {kHome, 3}},
      {"bedsheets", {kHome, 3}},
      {"duvet", {kHome, 3}},
      {"blanket", {kHome, 3}},
      {"pillow", {kHome, 3}},
      {"cushion", {kHome, 3}},
      {"curtain", {kHome, 3}},
      {"mapazia", {kHome, 3}},
      {"carpet", {kHome, 3}},
      {"rug", {kHome, 3}},
      {"towel", {kHome, 3}},
      {"sofa", {kHome, 3}},
      {"makochi", {kHome, 3}},
      {"chair", {kHome, 3}},
      {"table", {kHome, 2}},
      {"bed", {kHome, 3}},
      {"mattress", {kHome, 3}},
      {"cot", {kHome, 3}},
      {"crib", {kHome, 3}},
      {"bassinet", {kHome, 3}},
      {"wardrobe", {kHome, 3}},
      {"shelf", {kHome, 3}},
      {"rack", {kHome, 3}},
      {"storage", {kHome, 2}},
      {"organizer", {kHome, 3}},
      {"organiser", {kHome, 3}},
      {"decor", {kHome, 3}},
      {"décor", {kHome, 3}},
      {"vase", {kHome, 3}},
      {"mirror", {kHome, 3}},
      {"lamp", {kHome, 3}},
      {"candle", {kHome, 3}},
      {"plant", {kHome, 2}},
      {"basket", {kHome, 2}},
      {"macrame", {kHome, 3}},
      {"wall hanging", {kHome, 3}},
      {"frame", {kHome, 2}},
      {"gas cylinder", {kHome, 3}},
      {"cylinder", {kHome, 3}},
      {"cooker", {kHome, 3}},
      {"jiko", {kHome, 3}},
      {"hanger", {kHome, 2}},
      {"dustbin", {kHome, 3}},
      {"mashuka", {kHome, 3}},
      {"foronya", {kHome, 3}},
      {"chopping board", {kHome, 3}},
      {"agaseke", {kHome, 3}},
      {"carving", {kHome, 3}},
      {"soapstone", {kHome, 3}},
      {"furniture", {kHome, 3}},
      {"dining", {kHome, 2}},
      {"homeware", {kHome, 3}},
      {"glassware", {kHome, 3}},
      {"tumbler", {kHome, 2}},
      {"bowl", {kHome, 2}},
      {"tray", {kHome, 2}},
      {"coaster", {kHome, 2}},
      {"doormat", {kHome, 3}},
      {"bedding", {kHome, 3}},
      {"comforter", {kHome, 3}},
      {"stool", {kHome, 3}},
      {"desk", {kHome, 2}},
      {"diffuser", {kHome, 2}},
      {"chandelier", {kHome, 3}},
      {"plastic", {kHome, 1}},
      {"wooden", {kHome, 1}},
      {"mahogany", {kHome, 2}},
      {"ceramic", {kHome, 2}},
      {"stainless", {kHome, 1}},
      {"non-stick", {kHome, 2}},
      {"iron box", {kHome, 3}},
      {"vacuum flask", {kHome, 4}},
      {"shoe rack", {kHome, 4}},
      {"water dispenser", {kHome, 3}},
      // Beauty & Personal Care.
      {"perfume", {kBeauty, 3}},
      {"fragrance", {kBeauty, 3}},
      {"cologne", {kBeauty, 3}},
      {"edp", {kBeauty, 3}},
      {"edt", {kBeauty, 3}},
      {"oud", {kBeauty, 2}},
      {"lotion", {kBeauty, 3}},
      {"cream", {kBeauty, 2}},
      {"moisturizer", {kBeauty, 3}},
      {"moisturiser", {kBeauty, 3}},
      {"cleanser", {kBeauty, 3}},
      {"serum", {kBeauty, 3}},
      {"toner", {kBeauty, 3}},
      {"sunscreen", {kBeauty, 3}},
      {"spf", {kBeauty, 2}},
      {"skincare", {kBeauty, 3}},
      {"makeup", {kBeauty, 3}},
      {"lipstick", {kBeauty, 3}},
      {"lip", {kBeauty, 2}},
      {"gloss", {kBeauty, 3}},
      {"lipgloss", {kBeauty, 3}},
      {"foundation", {kBeauty, 3}},
      {"concealer", {kBeauty, 3}},
      {"mascara", {kBeauty, 3}},
      {"eyeliner", {kBeauty, 3}},
      {"eyeshadow", {kBeauty, 3}},
      {"palette", {kBeauty, 2}},
      {"nail", {kBeauty, 2}},
      {"wig", {kBeauty, 3}},
      {"weave", {kBeauty, 3}},
      {"bundles", {kBeauty, 2}},
      {"frontal", {kBeauty, 3}},
      {"closure", {kBeauty, 2}},
      {"braids", {kBeauty, 3}},
      {"braiding", {kBeauty, 3}},
      {"hair", {kBeauty, 3}},
      {"shampoo", {kBeauty, 3}},
      {"conditioner", {kBeauty, 3}},
      {"soap", {kBeauty, 3}},
      {"sabuni", {kBeauty, 3}},
      {"scrub", {kBeauty, 3}},
      {"body wash", {kBeauty, 3}},
      {"deodorant", {kBeauty, 3}},
      {"roll-on", {kBeauty, 3}},
      {"vaseline", {kBeauty, 3}},
      {"nivea", {kBeauty, 3}},
      {"cerave", {kBeauty, 3}},
      {"ordinary", {kBeauty, 2}},
      {"cosrx", {kBeauty, 3}},
      {"mielle", {kBeauty, 3}},
      {"lattafa", {kBeauty, 3}},
      {"dior", {kBeauty, 2}},
      {"ysl", {kBeauty, 2}},
      {"armani", {kBeauty, 2}},
      {"fenty", {kBeauty, 3}},
      {"shea butter", {kBeauty, 3}},
      {"shea", {kBeauty, 2}},
      {"balm", {kBeauty, 3}},
      {"beard", {kBeauty, 2}},
      {"razor", {kBeauty, 2}},
      {"mafuta", {kBeauty, 2}},
      {"nywele", {kBeauty, 3}},
      {"rexona", {kBeauty, 3}},
      {"niacinamide", {kBeauty, 3}},
      {"decant", {kBeauty, 3}},
      {"decants", {kBeauty, 3}},
      {"setting spray", {kBeauty, 3}},
      {"body mist", {kBeauty, 3}},
      {"mist", {kBeauty, 2}},
      {"beauty", {kBeauty, 2}},
      {"cosmetics", {kBeauty, 3}},
      {"essence", {kBeauty, 2}},
      {"mucin", {kBeauty, 3}},
      {"retinol", {kBeauty, 3}},
      {"hyaluronic", {kBeauty, 3}},
      {"glow", {kBeauty, 1}},
      {"skin", {kBeauty, 2}},
      {"curl", {kBeauty, 2}},
      {"curls", {kBeauty, 2}},
      {"kinky", {kBeauty, 2}},
      {"bone straight", {kBeauty, 3}},
      {"body wave", {kBeauty, 3}},
      {"human hair", {kBeauty, 3}},
      {"lashes", {kBeauty, 3}},
      {"brush", {kBeauty, 1}},
      {"toothpaste", {kBeauty, 3}},
      {"sanitary", {kBeauty, 2}},
      {"pads", {kBeauty, 1}},
      {"oil", {kBeauty, 1}},
      {"body", {kBeauty, 1}},
      {"face", {kBeauty, 1}},
      {"hair oil", {kBeauty, 3}},
      {"khamrah", {kBeauty, 3}},
      {"sauvage", {kBeauty, 2}},
      {"x-pression", {kBeauty, 3}},
      {"expression", {kBeauty, 1}},
      {"afro", {kBeauty, 1}},
      {"manicure", {kBeauty, 3}},
      {"pedicure", {kBeauty, 3}},
      // Food & Beverages.
      {"cake", {kFood, 3}},
      {"keki", {kFood, 3}},
      {"cookies", {kFood, 3}},
      {"cookie", {kFood, 3}},
      {"bread", {kFood, 3}},
      {"loaf", {kFood, 3}},
      {"pizza", {kFood, 3}},
      {"samosa", {kFood, 3}},
      {"mandazi", {kFood, 3}},
      {"chapati", {kFood, 3}},
      {"mutura", {kFood, 3}},
      {"rolex", {kFood, 2}},
      {"honey", {kFood, 3}},
      {"asali", {kFood, 3}},
      {"coffee", {kFood, 3}},
      {"tea", {kFood, 3}},
      {"juice", {kFood, 3}},
      {"smoothie", {kFood, 2}},
      {"chocolate", {kFood, 2}},
      {"snack", {kFood, 3}},
      {"chin chin", {kFood, 3}},
      {"chips", {kFood, 3}},
      {"crisps", {kFood, 3}},
      {"nuts", {kFood, 3}},
      {"groundnuts", {kFood, 3}},
      {"peanut", {kFood, 3}},
      {"spices", {kFood, 3}},
      {"spice", {kFood, 3}},
      {"masala", {kFood, 3}},
      {"viungo", {kFood, 3}},
      {"flour", {kFood, 3}},
      {"rice", {kFood, 3}},
      {"jollof", {kFood, 3}},
      {"chicken", {kFood, 3}},
      {"kuku", {kFood, 3}},
      {"beef", {kFood, 3}},
      {"meat", {kFood, 3}},
      {"nyama", {kFood, 3}},
      {"fish", {kFood, 3}},
      {"samaki", {kFood, 3}},
      {"matooke", {kFood, 3}},
      {"fruit", {kFood, 3}},
      {"mango", {kFood, 1}},
      {"avocado", {kFood, 3}},
      {"vegetables", {kFood, 3}},
      {"eggs", {kFood, 2}},
      {"milk", {kFood, 3}},
      {"yoghurt", {kFood, 3}},
      {"yogurt", {kFood, 3}},
      {"cheese", {kFood, 2}},
      {"drink", {kFood, 3}},
      {"zobo", {kFood, 3}},
      {"wine", {kFood, 3}},
      {"catering", {kFood, 3}},
      {"food", {kFood, 3}},
      {"meal", {kFood, 3}},
      {"lunch", {kFood, 3}},
      {"breakfast", {kFood, 3}},
      {"small chops", {kFood, 3}},
      {"chops", {kFood, 2}},
      {"cinnamon", {kFood, 3}},
      {"cloves", {kFood, 3}},
      {"ginger", {kFood, 3}},
      {"pilau", {kFood, 3}},
      {"ghee", {kFood, 3}},
      {"sugar", {kFood, 2}},
      {"jam", {kFood, 3}},
      {"sauce", {kFood, 3}},
      {"kienyeji", {kFood, 3}},
      {"pilipili", {kFood, 3}},
      {"mchele", {kFood, 3}},
      {"maziwa", {kFood, 3}},
      {"matunda", {kFood, 3}},
      {"chakula", {kFood, 3}},
      {"beans", {kFood, 3}},
      {"arabica", {kFood, 3}},
      {"mdalasini", {kFood, 3}},
      {"karafuu", {kFood, 3}},
      {"tangawizi", {kFood, 3}},
      {"burger", {kFood, 3}},
      {"fries", {kFood, 3}},
      {"shawarma", {kFood, 3}},
      {"cupcakes", {kFood, 3}},
      {"cupcake", {kFood, 3}},
      {"doughnut", {kFood, 3}},
      {"donut", {kFood, 3}},
      {"muffin", {kFood, 3}},
      {"brownies", {kFood, 3}},
      {"biscuits", {kFood, 3}},
      {"popcorn", {kFood, 3}},
      {"yogurt", {kFood, 3}},
      {"vanilla", {kFood, 1}},
      {"strawberry", {kFood, 1}},
      {"beetroot", {kFood, 1}},
      {"tamarind", {kFood, 1}},
      {"passion", {kFood, 1}},
      {"baked", {kFood, 2}},
      {"homemade", {kFood, 1}},
      {"fresh", {kFood, 1}},
      {"sausage", {kFood, 3}},
      {"smokie", {kFood, 3}},
      {"bbq", {kFood, 2}},
      {"tikka", {kFood, 3}},
      {"pasta", {kFood, 3}},
      {"oats", {kFood, 3}},
      {"cereal", {kFood, 3}},
      {"granola", {kFood, 3}},
      {"peanut butter", {kFood, 3}},
      {"chapo", {kFood, 3}},
      {"rolls", {kFood, 2}},
      {"snacks", {kFood, 3}},
      {"sampler", {kFood, 1}},
      {"fudge", {kFood, 3}},
      // Sports & Fitness.
      {"dumbbell", {kSports, 3}},
      {"dumbbells", {kSports, 3}},
      {"weights", {kSports, 2}},
      {"treadmill", {kSports, 3}},
      {"bike", {kSports, 3}},
      {"bicycle", {kSports, 3}},
      {"cycling", {kSports, 3}},
      {"helmet", {kSports, 2}},
      {"yoga", {kSports, 3}},
      {"yoga mat", {kSports, 4}},
      {"gym", {kSports, 3}},
      {"fitness", {kSports, 3}},
      {"football", {kSports, 3}},
      {"ball", {kSports, 2}},
      {"mpira", {kSports, 3}},
      {"mipira", {kSports, 3}},
      {"boxing", {kSports, 3}},
      {"skipping rope", {kSports, 3}},
      {"skipping", {kSports, 3}},
      {"resistance", {kSports, 3}},
      {"ab roller", {kSports, 3}},
      {"roller", {kSports, 1}},
      {"bench", {kSports, 2}},
      {"racket", {kSports, 3}},
      {"goalkeeper", {kSports, 3}},
      {"sportswear", {kSports, 2}},
      {"pump", {kSports, 1}},
      {"mitre", {kSports, 3}},
      {"workout", {kSports, 3}},
      {"exercise", {kSports, 3}},
      {"kettlebell", {kSports, 3}},
      {"barbell", {kSports, 3}},
      {"jump rope", {kSports, 3}},
      {"basketball", {kSports, 3}},
      {"volleyball", {kSports, 3}},
      {"rugby", {kSports, 3}},
      {"jersey kit", {kSports, 3}},
      {"shin guards", {kSports, 3}},
      {"whey", {kSports, 3}},
      {"protein", {kSports, 2}},
      {"sports", {kSports, 2}},
      {"trampoline", {kSports, 2}},
      {"mountain bike", {kSports, 4}},
      {"weight bench", {kSports, 4}},
      // Books & Media.
      {"book", {kBooks, 3}},
      {"books", {kBooks, 3}},
      {"novel", {kBooks, 3}},
      {"storybook", {kBooks, 3}},
      {"storybooks", {kBooks, 3}},
      {"dictionary", {kBooks, 3}},
      {"textbook", {kBooks, 3}},
      {"textbooks", {kBooks, 3}},
      {"bible", {kBooks, 3}},
      {"setbooks", {kBooks, 3}},
      {"set books", {kBooks, 3}},
      {"paperback", {kBooks, 3}},
      {"hardcover", {kBooks, 3}},
      {"magazine", {kBooks, 3}},
      {"comic", {kBooks, 2}},
      {"bookstagram", {kBooks, 3}},
      {"kitabu", {kBooks, 3}},
      {"vitabu", {kBooks, 3}},
      {"revision", {kBooks, 2}},
      {"kcse", {kBooks, 2}},
      {"kcpe", {kBooks, 2}},
      {"curriculum", {kBooks, 2}},
      {"ladybird", {kBooks, 3}},
      {"mathematics", {kBooks, 2}},
      {"biology", {kBooks, 2}},
      {"chemistry", {kBooks, 2}},
      {"physics", {kBooks, 2}},
      {"author", {kBooks, 2}},
      {"dvd", {kBooks, 2}},
      {"vinyl", {kBooks, 2}},
      {"album", {kBooks, 1}},
      {"journal", {kBooks, 2}},
      {"notebook", {kBooks, 2}},
      {"diary", {kBooks, 2}},
      {"atomic habits", {kBooks, 4}},
      {"pre-loved", {kBooks, 1}},
      // Toys & Games.
      {"toy", {kToys, 3}},
      {"toys", {kToys, 3}},
      {"teddy", {kToys, 3}},
      {"doll", {kToys, 3}},
      {"dolls", {kToys, 3}},
      {"lego", {kToys, 3}},
      {"puzzle", {kToys, 3}},
      {"jigsaw", {kToys, 3}},
      {"building blocks", {kToys, 4}},
      {"blocks", {kToys, 2}},
      {"remote control", {kToys, 3}},
      {"board game", {kToys, 3}},
      {"chess", {kToys, 3}},
      {"play set", {kToys, 4}},
      {"playset", {kToys, 3}},
      {"play", {kToys, 2}},
      {"drawing board", {kToys, 3}},
      {"barbie", {kToys, 3}},
      {"kids", {kToys, 1}},
      {"watoto", {kToys, 1}},
      {"electric car", {kToys, 3}},
      {"rc", {kToys, 2}},
      {"playdough", {kToys, 3}},
      {"uno", {kToys, 3}},
      {"monopoly", {kToys, 3}},
      {"scrabble", {kToys, 3}},
      {"cards game", {kToys, 3}},
      {"slime", {kToys, 3}},
      {"rattle", {kToys, 3}},
      {"musical keyboard", {kToys, 4}},
      {"toy car", {kToys, 4}},
      {"teddy bear", {kToys, 4}},
      // Other.
      {"pet", {kOther, 3}},
      {"dog", {kOther, 3}},
      {"cat", {kOther, 2}},
      {"collar", {kOther, 2}},
      {"leash", {kOther, 3}},
      {"car seat", {kOther, 3}},
      {"seat covers", {kOther, 3}},
      {"flowers", {kOther, 3}},
      {"flower", {kOther, 3}},
      {"bouquet", {kOther, 3}},
      {"hamper", {kOther, 3}},
      {"roses", {kOther, 2}},
      {"stationery", {kOther, 2}},
      {"gift card", {kOther, 3}},
      {"voucher", {kOther, 3}},
      {"car", {kOther, 1}},
      {"tyre", {kOther, 3}},
      {"tyres", {kOther, 3}},
      {"fertilizer", {kOther, 3}},
      {"seedlings", {kOther, 3}},
      {"chicks", {kOther, 2}},
      {"cement", {kOther, 3}},
      {"pampers", {kOther, 2}},
      {"diapers", {kOther, 2}},
      {"stroller", {kOther, 2}},
      // Added from the dev set's misses; general item words, not captions.
      {"all star", {kFashion, 3}},
      {"mavazi", {kFashion, 2}},
      {"sketi", {kFashion, 3}},
      {"suti", {kFashion, 3}},
      {"stole", {kFashion, 3}},
      {"kente", {kFashion, 2}},
      {"wigi", {kBeauty, 3}},
      {"mawigi", {kBeauty, 3}},
      {"manukato", {kBeauty, 3}},
      {"marashi", {kBeauty, 3}},
      {"losheni", {kBeauty, 3}},
      {"bookshelf", {kHome, 3}},
      {"bookshelves", {kHome, 3}},
      {"mosquito net", {kHome, 3}},
      {"net", {kHome, 1}},
      {"duvet set", {kHome, 4}},
      {"hair food", {kBeauty, 4}},
      {"ring light", {kElectronics, 4}},
      {"tripod", {kElectronics, 3}},
      {"boxing bag", {kSports, 4}},
      {"punching bag", {kSports, 4}},
      {"vitumbua", {kFood, 3}},
      {"maandazi", {kFood, 3}},
      {"mahamri", {kFood, 3}},
      {"kaimati", {kFood, 3}},
      {"bhajia", {kFood, 3}},
      {"biryani", {kFood, 3}},
      {"githeri", {kFood, 3}},
      {"mukimo", {kFood, 3}},
      {"ugali", {kFood, 3}},
      {"mshikaki", {kFood, 3}},
      {"uji", {kFood, 3}},
      {"muhogo", {kFood, 3}},
      {"sukuma", {kFood, 2}},
      {"mkate", {kFood, 3}},
      {"chai", {kFood, 3}},
      {"lifting belt", {kSports, 4}},
      {"shaker", {kSports, 3}},
      {"shaker bottle", {kSports, 4}},
      {"bottle", {kHome, 1}},
      {"toaster", {kHome, 3}},
      {"kettle", {kHome, 3}},
      {"heater", {kHome, 2}},
      {"fan", {kHome, 2}},
      {"tilapia", {kFood, 3}},
      {"omena", {kFood, 3}},
      {"dagaa", {kFood, 3}},
      {"nails", {kBeauty, 3}},
      {"press-on", {kBeauty, 2}},
      {"tv stand", {kHome, 4}},
      {"laptop stand", {kElectronics, 4}},
      {"phone stand", {kElectronics, 4}},
      {"gps watch", {kElectronics, 4}},
      {"sheers", {kHome, 3}},
      {"sheer", {kHome, 2}},
      {"curtain fabric", {kHome, 4}},
      {"stand", {kHome, 1}},
      {"smartwatches", {kElectronics, 3}},
      {"gps", {kElectronics, 2}},
  };
  static const WordMap<CategoryWord> k(kEntries);
  return k;
}

// Stems found inside hashtags ("#sneakerskenya", "#wigskenya").
struct Stem {
  std::string_view stem;
  int category;
};
constexpr Stem kHashtagStems[] = {
    {"fashion", kFashion},
    {"dress", kFashion},
    {"shoe", kFashion},
    {"sneaker", kFashion},
    {"heels", kFashion},
    {"bag", kFashion},
    {"jean", kFashion},
    {"hoodie", kFashion},
    {"menswear", kFashion},
    {"streetwear", kFashion},
    {"thrift", kFashion},
    {"mtumba", kFashion},
    {"jewel", kFashion},
    {"kitenge", kFashion},
    {"ankara", kFashion},
    {"outfit", kFashion},
    {"wear", kFashion},
    {"style", kFashion},
    {"shirt", kFashion},
    {"agbada", kFashion},
    {"kaftan", kFashion},
    {"accessories", kFashion},
    {"wig", kBeauty},
    {"hair", kBeauty},
    {"skincare", kBeauty},
    {"makeup", kBeauty},
    {"perfume", kBeauty},
    {"beauty", kBeauty},
    {"lipgloss", kBeauty},
    {"lipstick", kBeauty},
    {"glow", kBeauty},
    {"braids", kBeauty},
    {"weave", kBeauty},
    {"lotion", kBeauty},
    {"scrub", kBeauty},
    {"soap", kBeauty},
    {"phone", kElectronics},
    {"laptop", kElectronics},
    {"tech", kElectronics},
    {"gadget", kElectronics},
    {"electronic", kElectronics},
    {"iphone", kElectronics},
    {"samsung", kElectronics},
    {"speaker", kElectronics},
    {"tv", kElectronics},
    {"camera", kElectronics},
    {"gaming", kElectronics},
    {"airpods", kElectronics},
    {"printer", kElectronics},
    {"cctv", kElectronics},
    {"homedecor", kHome},
    {"decor", kHome},
    {"kitchen", kHome},
    {"furniture", kHome},
    {"bedsheet", kHome},
    {"curtain", kHome},
    {"homeware", kHome},
    {"candle", kHome},
    {"interior", kHome},
    {"food", kFood},
    {"cake", kFood},
    {"eats", kFood},
    {"snack", kFood},
    {"coffee", kFood},
    {"juice", kFood},
    {"honey", kFood},
    {"bake", kFood},
    {"chops", kFood},
    {"catering", kFood},
    {"pizza", kFood},
    {"fitness", kSports},
    {"gym", kSports},
    {"sport", kSports},
    {"football", kSports},
    {"workout", kSports},
    {"yoga", kSports},
    {"cycling", kSports},
    {"boxing", kSports},
    {"book", kBooks},
    {"read", kBooks},
    {"toy", kToys},
    {"games", kToys},
    {"pet", kOther},
    {"dogs", kOther},
    {"flower", kOther},
    {"valentine", kOther},
};

// The hashtag stems grouped by first byte: the stems starting with byte c are
// order[begin[c]] .. order[begin[c + 1] - 1], in table order.
constexpr std::size_t kHashtagStemCount = sizeof(kHashtagStems) / sizeof(kHashtagStems[0]);
static_assert(kHashtagStemCount <= 128, "AddHashtag keeps its stem hits in two words");
static_assert(
    [] {
      for (const Stem& s : kHashtagStems) {
        if (s.stem.size() < 2) return false;
      }
      return true;
    }(),
    "AddHashtag compares a stem's second byte first");
struct HashtagStemIndex {
  uint8_t begin[257] = {};
  uint8_t order[kHashtagStemCount] = {};
};

const HashtagStemIndex& HashtagStems() {
  static const HashtagStemIndex k = [] {
    HashtagStemIndex index;
    int count[256] = {};
    for (const Stem& s : kHashtagStems) ++count[static_cast<unsigned char>(s.stem[0])];
    for (int c = 0; c < 256; ++c) {
      index.begin[c + 1] = static_cast<uint8_t>(index.begin[c] + count[c]);
    }
    int next[256];
    for (int c = 0; c < 256; ++c) next[c] = index.begin[c];
    for (std::size_t s = 0; s < kHashtagStemCount; ++s) {
      const unsigned char first = static_cast<unsigned char>(kHashtagStems[s].stem[0]);
      index.order[next[first]++] = static_cast<uint8_t>(s);
    }
    return index;
  }();
  return k;
}

// The first words of the lexicon's two-word phrases, derived from the lexicon once.
const WordSet& PhraseStarters() {
  static const WordSet k = [] {
    std::vector<std::string_view> firsts;
    Lexicon().ForEachKey([&](std::string_view key) {
      std::size_t space = key.find(' ');
      if (space != std::string_view::npos) firsts.push_back(key.substr(0, space));
    });
    return WordSet(firsts);
  }();
  return k;
}

}  // namespace

bool IsBrandWord(HashedWord w) {
  static constexpr std::string_view kWords[] = {
      "nike",       "adidas", "jordan",  "jordans", "puma",      "vans",        "converse",
      "timberland", "levis",  "levi's",  "bata",    "clarks",    "crocs",       "samsung",
      "iphone",     "tecno",  "infinix", "itel",    "xiaomi",    "redmi",       "oppo",
      "vivo",       "huawei", "nokia",   "pixel",   "macbook",   "hp",          "dell",
      "lenovo",     "asus",   "acer",    "hisense", "tcl",       "sony",        "jbl",
      "oraimo",     "canon",  "nikon",   "gopro",   "hikvision", "playstation", "xbox",
      "nintendo",   "sayona", "cerave",  "nivea",   "cosrx",     "mielle",      "lattafa",
      "dior",       "ysl",    "armani",  "fenty",   "vaseline",  "rexona",      "mitre",
      "lego",       "barbie", "casio",   "vitron",  "safaricom", "apple",       "zara",
      "gucci",      "samba",  "dunk",    "ordinary"};
  static const WordSet k(kWords);
  return k.Contains(w);
}

int LookupCategoryWord(HashedWord word, int* weight) {
  const CategoryWord* e = Lexicon().Find(word);
  const std::string_view w = word.text;
  if (e == nullptr && w.size() > 3 && w.back() == 's') {
    e = Lexicon().Find(w.substr(0, w.size() - 1));
    if (e == nullptr && w.size() > 4 && w[w.size() - 2] == 'e') {
      e = Lexicon().Find(w.substr(0, w.size() - 2));
    }
  }
  if (e == nullptr) return -1;
  *weight = e->weight;
  return e->category;
}

int LookupCategoryPhrase(HashedWord a, std::string_view b, int* weight) {
  // Most words start no phrase: answer those without building the phrase.
  if (!PhraseStarters().Contains(a)) return -1;
  char buf[64];
  if (a.text.size() + b.size() + 1 > sizeof(buf)) return -1;
  std::size_t n = 0;
  for (char c : a.text) buf[n++] = c;
  buf[n++] = ' ';
  for (char c : b) buf[n++] = c;
  return LookupCategoryWord(std::string_view(buf, n), weight);
}

void CategoryScorer::AddWord(HashedWord word, std::string_view next, double weight, Span span,
                             bool* used_next) {
  *used_next = false;
  const std::string_view w = word.text;
  // A phrase "w next" (or its singular) can be in the lexicon only when w starts one of its
  // phrases (or holds a space itself): most words are answered without building the phrase.
  if (!next.empty() && w.size() + next.size() < 40 &&
      (PhraseStarters().Contains(word) || w.find(' ') != std::string_view::npos)) {
    char buf[48];
    std::size_t n = 0;
    for (char c : w) buf[n++] = c;
    buf[n++] = ' ';
    for (char c : next) buf[n++] = c;
    int pw = 0;
    int c = LookupCategoryWord(std::string_view(buf, n), &pw);
    if (c >= 0) {
      scores_[c] += weight * pw;
      AddEvidence(c, span);
      *used_next = true;
      return;
    }
  }
  int ww = 0;
  int c = LookupCategoryWord(word, &ww);
  if (c < 0) return;
  scores_[c] += weight * ww;
  AddEvidence(c, span);
}

void CategoryScorer::AddHashtag(std::string_view tag, double weight) {
  // One pass over the tag, trying only the stems that start with each byte; then every stem found
  // scores once, in table order, as a search per stem would.
  const HashtagStemIndex& index = HashtagStems();
  uint64_t found[2] = {0, 0};
  for (std::size_t i = 0; i + 1 < tag.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(tag[i]);
    for (int k = index.begin[c]; k < index.begin[c + 1]; ++k) {
      const int s = index.order[k];
      const std::string_view stem = kHashtagStems[s].stem;
      if (stem[1] == tag[i + 1] && tag.size() - i >= stem.size() &&
          std::memcmp(tag.data() + i, stem.data(), stem.size()) == 0) {
        found[s >> 6] |= uint64_t{1} << (s & 63);
      }
    }
  }
  for (int word = 0; word < 2; ++word) {
    for (uint64_t bits = found[word]; bits != 0; bits &= bits - 1) {
      scores_[kHashtagStems[word * 64 + __builtin_ctzll(bits)].category] += weight;
    }
  }
}

void CategoryScorer::Merge(const CategoryScorer& other) {
  for (int c = 0; c < 9; ++c) scores_[c] += other.scores_[c];
  for (std::size_t k = 0; k < other.evidence_count_; ++k) {
    AddEvidence(other.evidence_[k].category, other.evidence_[k].span);
  }
}

int CategoryScorer::Best(double* confidence) const {
  int best = kOther;
  double top = 0, second = 0;
  for (int c = 0; c < 9; ++c) {
    if (scores_[c] > top) {
      second = top;
      top = scores_[c];
      best = c;
    } else if (scores_[c] > second) {
      second = scores_[c];
    }
  }
  if (top <= 0) {
    *confidence = 0.3;
    return kOther;
  }
  double margin = (top - second) / top;
  double strength = top >= 9 ? 1.0 : top / 9.0;
  *confidence = 0.5 + 0.5 * std::min(1.0, 0.6 * margin + 0.6 * strength);
  if (*confidence > 1) *confidence = 1;
  return best;
}

std::vector<Span> CategoryScorer::Evidence(int c, std::size_t max) const {
  std::vector<Span> out;
  for (std::size_t k = 0; k < evidence_count_ && out.size() < max; ++k) {
    if (evidence_[k].category == c) {
      if (out.empty()) out.reserve(max < evidence_count_ ? max : evidence_count_);
      out.push_back(evidence_[k].span);
    }
  }
  return out;
}

}  // namespace vendly::internal

package org.tradewatch.core.item;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;

/**
 * An item: what traders price as one thing, so that listings differing only in seller, price, paint
 * or wear float are offers of the same item.
 *
 * <ul>
 *   <li>backpack.tf: the app, the item's name ({@code item.name}, else {@code marketName}, else
 *       {@code baseName}), its quality's name, its unusual effect ({@code item.particle.name}),
 *       whether it is craftable ({@code item.craftable}, craftable when absent), its killstreak
 *       tier ({@code item.killstreakTier}, 1 to 3, none when absent), and whether it is australium
 *       ({@code item.australium}) or festivized ({@code item.festivized}), as the payload carries
 *       them.
 *   <li>skinshark: the app and the market name, which carries the wear tier and StatTrak ({@code
 *       StatTrak™ AK-47 | Redline (Field-Tested)}); when the name leaves them out, they are added
 *       from {@code stattrak} and {@code wear}, so every listing of one skin has one name.
 * </ul>
 *
 * <p>{@link #id()} writes the key as text that is readable and safe in a URL path or query without
 * escaping, and that {@link #parse} reads back exactly; it is {@code itemKey} in the API. Its
 * parts, separated by dots: the source, the app id (empty when unknown), the name, then only those
 * of {@code q-<quality>}, {@code e-<effect>}, {@code ks<tier>}, {@code australium}, {@code
 * festivized}, {@code uncraftable} that apply, in that order. In the texts, letters, digits and
 * {@code -} stand for themselves, a space is {@code _}, and any other character is {@code ~} and
 * two upper-case hex digits per UTF-8 byte. So the Time Warp Polar Pullover reads {@code
 * bptf.440.Time_Warp_Polar_Pullover.q-Unusual.e-Time_Warp}.
 *
 * @param source where the item is listed
 * @param appid the game, or null when upstream did not say
 * @param name the item's name as upstream writes it (for skinshark, the full market name)
 * @param quality the quality's name (backpack.tf only), or null
 * @param effect the unusual effect's name (backpack.tf only), or null
 * @param craftable false for a non-craftable item
 * @param killstreakTier 0 for none, 1 Killstreak, 2 Specialized, 3 Professional
 * @param australium whether it is an australium
 * @param festivized whether it is festivized
 */
public record ItemKey(
    Source source,
    Integer appid,
    String name,
    String quality,
    String effect,
    boolean craftable,
    int killstreakTier,
    boolean australium,
    boolean festivized) {

  /** The longest key text {@link #parse} reads: a name at the store's limit escaped, and more. */
  public static final int MAX_ID_LENGTH = 8192;

  public static final int MAX_KILLSTREAK_TIER = 3;

  private static final String STATTRAK = "StatTrak\u2122";

  private static final String[] KILLSTREAKS = {
    null, "Killstreak", "Specialized Killstreak", "Professional Killstreak"
  };

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  public ItemKey {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("an item's name must not be empty");
    }
    if (appid != null && appid < 0) {
      throw new IllegalArgumentException("appid must not be negative, was " + appid);
    }
    if (quality != null && quality.isEmpty()) {
      throw new IllegalArgumentException("quality must be null or not empty");
    }
    if (effect != null && effect.isEmpty()) {
      throw new IllegalArgumentException("effect must be null or not empty");
    }
    if (killstreakTier < 0 || killstreakTier > MAX_KILLSTREAK_TIER) {
      throw new IllegalArgumentException(
          "killstreakTier must be 0 to " + MAX_KILLSTREAK_TIER + ", was " + killstreakTier);
    }
  }

  /** The item a listing offers or asks for; null when upstream gave it no name at all. */
  public static ItemKey of(ListingSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    return of(
        snapshot.key().source(),
        snapshot.appid(),
        snapshot.itemName(),
        snapshot.quality(),
        snapshot.particle(),
        snapshot.wear(),
        snapshot.craftable(),
        snapshot.killstreakTier(),
        snapshot.australium(),
        snapshot.festivized(),
        snapshot.stattrak());
  }

  /**
   * The item of a listing with these fields of its snapshot (see {@link ListingSnapshot}), as a
   * store reads them back; null when there is no name.
   */
  public static ItemKey of(
      Source source,
      Integer appid,
      String itemName,
      String quality,
      String particle,
      String wear,
      Boolean craftable,
      Integer killstreakTier,
      Boolean australium,
      Boolean festivized,
      Boolean stattrak) {
    Objects.requireNonNull(source, "source");
    if (itemName == null || itemName.isEmpty()) {
      return null;
    }
    Integer app = appid != null && appid >= 0 ? appid : null;
    if (source == Source.SKINSHARK) {
      return new ItemKey(
          source,
          app,
          marketName(itemName, Boolean.TRUE.equals(stattrak), wearTier(wear)),
          null,
          null,
          true,
          0,
          false,
          false);
    }
    return new ItemKey(
        source,
        app,
        itemName,
        emptyAsNull(quality),
        emptyAsNull(particle),
        !Boolean.FALSE.equals(craftable),
        killstreakTier == null || killstreakTier < 0 || killstreakTier > MAX_KILLSTREAK_TIER
            ? 0
            : killstreakTier,
        Boolean.TRUE.equals(australium),
        Boolean.TRUE.equals(festivized));
  }

  /** A skinshark market name with StatTrak and the wear tier, added where the name lacks them. */
  static String marketName(String name, boolean stattrak, String wearTier) {
    String full = name;
    if (stattrak && !full.contains("StatTrak")) {
      full = STATTRAK + " " + full;
    }
    if (wearTier != null && !full.contains("(" + wearTier + ")")) {
      full = full + " (" + wearTier + ")";
    }
    return full;
  }

  /** The tier of skinshark's wear text, which the decoder writes as the tier and the float. */
  private static String wearTier(String wear) {
    if (wear == null) {
      return null;
    }
    int floatAt = wear.indexOf(" (");
    String tier = (floatAt >= 0 ? wear.substring(0, floatAt) : wear).trim();
    return tier.isEmpty() || tier.startsWith("(") ? null : tier;
  }

  private static String emptyAsNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  /** The key as URL-safe text (see the class description); {@link #parse} reads it back. */
  public String id() {
    StringBuilder out = new StringBuilder(source.id().length() + name.length() + 32);
    out.append(source.id()).append('.');
    if (appid != null) {
      out.append(appid);
    }
    out.append('.');
    escape(name, out);
    if (quality != null) {
      escape(quality, out.append(".q-"));
    }
    if (effect != null) {
      escape(effect, out.append(".e-"));
    }
    if (killstreakTier > 0) {
      out.append(".ks").append(killstreakTier);
    }
    if (australium) {
      out.append(".australium");
    }
    if (festivized) {
      out.append(".festivized");
    }
    if (!craftable) {
      out.append(".uncraftable");
    }
    return out.toString();
  }

  /**
   * The name as traders read it: the item's name, with the parts of the key that the name does not
   * already say (a quality other than Unique before it; the effect, killstreak, australium,
   * festivized and non-craftable after it, in parentheses).
   */
  public String displayName() {
    String lower = name.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder();
    if (quality != null
        && !quality.equalsIgnoreCase("Unique")
        && !lower.contains(quality.toLowerCase(Locale.ROOT))) {
      out.append(quality).append(' ');
    }
    out.append(name);
    List<String> more = new ArrayList<>(5);
    if (effect != null && !lower.contains(effect.toLowerCase(Locale.ROOT))) {
      more.add(effect);
    }
    if (killstreakTier > 0 && !lower.contains("killstreak")) {
      more.add(KILLSTREAKS[killstreakTier]);
    }
    if (australium && !lower.contains("australium")) {
      more.add("Australium");
    }
    if (festivized && !lower.contains("festivized")) {
      more.add("Festivized");
    }
    if (!craftable && !lower.contains("craftable")) {
      more.add("Non-Craftable");
    }
    if (!more.isEmpty()) {
      out.append(" (").append(String.join(", ", more)).append(')');
    }
    return out.toString();
  }

  /** {@link #id()}: the key as it is written everywhere. */
  @Override
  public String toString() {
    return id();
  }

  /**
   * Reads a key written by {@link #id()}. Only that exact text is read: a key with its parts out of
   * order, hex digits in lower case or a character escaped that needs no escape is refused, so one
   * item has one key.
   *
   * @throws IllegalArgumentException saying what is wrong with the text
   */
  public static ItemKey parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          "an item key is at most " + MAX_ID_LENGTH + " characters, this one " + text.length());
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length < 3) {
      throw new IllegalArgumentException(
          "an item key is source.appid.name and optional parts, separated by dots");
    }
    Source source;
    try {
      source = Source.fromId(parts[0]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("an item key starts with its source, bptf or skinshark");
    }
    Integer appid = null;
    if (!parts[1].isEmpty()) {
      if (parts[1].length() > 10 || !parts[1].chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new IllegalArgumentException("an item key's second part is the app id, a number");
      }
      long parsed = Long.parseLong(parts[1]);
      if (parsed > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("the app id is too large");
      }
      appid = (int) parsed;
    }
    String name = unescape(parts[2], "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("an item key's name must not be empty");
    }
    String quality = null;
    String effect = null;
    int tier = 0;
    boolean australium = false;
    boolean festivized = false;
    boolean craftable = true;
    for (int i = 3; i < parts.length; i++) {
      String part = parts[i];
      if (part.startsWith("q-") && part.length() > 2) {
        quality = unescape(part.substring(2), "quality");
      } else if (part.startsWith("e-") && part.length() > 2) {
        effect = unescape(part.substring(2), "effect");
      } else if (part.length() == 3
          && part.startsWith("ks")
          && part.charAt(2) >= '1'
          && part.charAt(2) <= '0' + MAX_KILLSTREAK_TIER) {
        tier = part.charAt(2) - '0';
      } else if (part.equals("australium")) {
        australium = true;
      } else if (part.equals("festivized")) {
        festivized = true;
      } else if (part.equals("uncraftable")) {
        craftable = false;
      } else {
        throw new IllegalArgumentException(
            "unknown item key part '"
                + (part.length() > 40 ? part.substring(0, 40) + "..." : part)
                + "': expected q-, e-, ks1 to ks3, australium, festivized or uncraftable");
      }
    }
    ItemKey key =
        new ItemKey(source, appid, name, quality, effect, craftable, tier, australium, festivized);
    if (!key.id().equals(text)) {
      throw new IllegalArgumentException(
          "not an item key as Tradewatch writes it (parts in order, each once, escapes as needed)");
    }
    return key;
  }

  private static void escape(String text, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
        out.append(c);
      } else if (c == ' ') {
        out.append('_');
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
        for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
          out.append('~').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        i = end - 1;
      }
    }
  }

  private static String unescape(String text, String part) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '~') {
        int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int low = high >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
        if (low < 0) {
          throw new IllegalArgumentException(
              "in an item key's " + part + ", ~ must be followed by two hex digits");
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else if (c == '_') {
        bytes.write(' ');
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        throw new IllegalArgumentException(
            "an item key's " + part + " holds a character that must be escaped");
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("an item key's " + part + " is not escaped UTF-8");
    }
  }
}

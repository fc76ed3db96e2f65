package org.tradewatch.simulator.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonTextTest {

  private static String roundTrip(String value) {
    String json = "[" + JsonText.quote(value) + "]";
    // the text must also survive UTF-8, as it does on the wire
    String wire = new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    try (var reader = Json.createReader(new StringReader(wire))) {
      return reader.readArray().getString(0);
    }
  }

  @Test
  void escapesEverythingJsonRequiresAndReadsBackUnchanged() {
    String[] samples = {
      "",
      "plain",
      "quote \" backslash \\ slash /",
      "controls \u0000 \u0001 \b \f \n \r \t \u001f end",
      "<script>alert(1)</script> &amp; <b>bold</b>",
      "emoji 🔥👑 family 👨‍👩‍👧 flag 🇩🇪",
      "Торговец 交易者 トレーダー تاجر Έμπορος व्यापारी 상인",
      "separators \u2028 and \u2029",
      "\u007f delete and \u0080 c1",
    };
    for (String sample : samples) {
      assertEquals(sample, roundTrip(sample), () -> "round trip of " + sample);
    }
  }

  @Test
  void writesControlCharactersAsEscapes() {
    assertEquals("\"a\\nb\\u0001\\\"\\\\\\u2028\"", JsonText.quote("a\nb\u0001\"\\\u2028"));
  }

  @Test
  void escapesLoneSurrogatesSoTheTextStaysValidUtf8() {
    String lone = "high \uD83D alone, low \uDC25 alone, pair \uD83D\uDD25";
    String quoted = JsonText.quote(lone);
    assertEquals("\"high \\ud83d alone, low \\udc25 alone, pair \uD83D\uDD25\"", quoted);
    try (var reader = Json.createReader(new StringReader("[" + quoted + "]"))) {
      assertEquals(lone, reader.readArray().getString(0));
    }
  }

  @Test
  void randomStringsReadBackUnchanged() {
    SplittableRandom random = new SplittableRandom(7);
    for (int n = 0; n < 2000; n++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        int pick = random.nextInt(5);
        if (pick == 0) {
          text.append((char) random.nextInt(0x20));
        } else if (pick == 1) {
          text.appendCodePoint(0x1F300 + random.nextInt(0x300));
        } else if (pick == 2) {
          text.append("\"\\/<>&'".charAt(random.nextInt(7)));
        } else {
          char c = (char) random.nextInt(0xD800);
          text.append(c);
        }
      }
      String value = text.toString();
      assertEquals(value, roundTrip(value));
    }
  }

  @Test
  void writesHundredthsAsShortestJsonNumbers() {
    long[] values = {0, 5, 50, 500, 577, 530, 116189_25, -1, -577, 9, 10, 99, 101};
    String[] expected = {
      "0",
      "0.05",
      "0.5",
      "5",
      "5.77",
      "5.3",
      "116189.25",
      "-0.01",
      "-5.77",
      "0.09",
      "0.1",
      "0.99",
      "1.01"
    };
    for (int i = 0; i < values.length; i++) {
      String text = JsonText.appendHundredths(new StringBuilder(), values[i]).toString();
      assertEquals(expected[i], text);
      try (var reader = Json.createReader(new StringReader("[" + text + "]"))) {
        JsonArray array = reader.readArray();
        assertEquals(
            0,
            BigDecimal.valueOf(values[i], 2)
                .compareTo(((JsonNumber) array.get(0)).bigDecimalValue()));
      }
    }
  }
}

package org.tradewatch.web.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Reading one string out of a payload's text, as JSON reads it. */
class JsonFieldsTest {

  @Test
  void findsAMemberAtAnyDepthAndDecodesItsEscapes() {
    assertEquals("b", JsonFields.string("{\"a\":\"b\"}", "a"));
    assertEquals("x/y\"z\u00e9", JsonFields.string("{\"o\":{\"a\" : \"x\\/y\\\"z\\u00e9\"}}", "a"));
  }

  @Test
  void aNameInsideAStringIsNotAMember() {
    String json = "{\"details\":\"say \\\"a\\\":\\\"evil\\\" \\\\\",\"a\":\"good\"}";
    assertEquals("good", JsonFields.string(json, "a"));
    assertEquals("say \"a\":\"evil\" \\", JsonFields.string(json, "details"));
  }

  @Test
  void anythingButAStringValueIsNull() {
    assertNull(JsonFields.string("{\"a\":1}", "a"));
    assertNull(JsonFields.string("{\"a\":null}", "a"));
    assertNull(JsonFields.string("{\"a\":[\"b\"]}", "a"));
    assertNull(JsonFields.string("{\"b\":\"a\"}", "a"), "a value is not a name");
    assertNull(JsonFields.string("{\"a\":\"unterminated", "a"));
    assertNull(JsonFields.string("{\"a\":\"\\q\"}", "a"));
    assertNull(JsonFields.string(null, "a"));
  }
}

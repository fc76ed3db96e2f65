package org.tradewatch.core.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotificationParametersTest {

  @ParameterizedTest(name = "folder={0} filter={1} since={2} skip={3} is refused for {4}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "2|null|null|null|folder|0 (inbox) or 1 (archive)",
        "-1|null|null|null|folder|0 (inbox) or 1 (archive)",
        "inbox|null|null|null|folder|0 (inbox) or 1 (archive)",
        "0.0|null|null|null|folder|0 (inbox) or 1 (archive)",
        "null|5|null|null|filter|6 (Issues)",
        "null|7|null|null|filter|4 (Subscriptions)",
        "null|-1|null|null|filter|0 (All)",
        "null|all|null|null|filter|0 (All)",
        "null|null|-5|null|since|non-negative Unix timestamp",
        "null|null|yesterday|null|since|non-negative Unix timestamp",
        "null|null|1.5|null|since|non-negative Unix timestamp",
        "null|null|99999999999999999999|null|since|non-negative Unix timestamp",
        "null|null|null|-60|skip|0 to 1000000",
        "null|null|null|many|skip|0 to 1000000",
      })
  void refusedNamingTheParameterAndTheAllowedValues(
      String folder, String filter, String since, String skip, String parameter, String allowed) {
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () -> NotificationParameters.query(folder, filter, since, skip));
    assertEquals(parameter, e.parameter());
    assertTrue(e.getMessage().startsWith(parameter + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(allowed), e.getMessage());
  }

  @ParameterizedTest(name = "folder={0} filter={1} since={2} skip={3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "0|0|0|0|INBOX|ALL|0|0",
        "1|1|1491066600|60|ARCHIVE|RESPONSES|1491066600|60",
        " 1 |2|null|null|ARCHIVE|TRUST|null|0",
        "null|3|null|null|null|SUGGESTIONS|null|0",
        "null|4|null|null|null|SUBSCRIPTIONS|null|0",
        "null|6|null|null|null|ISSUES|null|0",
      })
  void accepted(
      String folder,
      String filter,
      String since,
      String skip,
      NotificationFolder wantFolder,
      NotificationFilter wantFilter,
      Long wantSince,
      int wantSkip) {
    NotificationQuery query = NotificationParameters.query(folder, filter, since, skip);
    assertEquals(wantFolder, query.folder());
    assertEquals(wantFilter, query.filter());
    assertEquals(wantSince, query.since());
    assertEquals(wantSkip, query.skip());
  }

  @Test
  void nothingGivenMeansUpstreamsDefaults() {
    NotificationQuery query = NotificationParameters.query(null, "", " ", null);
    assertNull(query.folder());
    assertEquals(NotificationFolder.INBOX, query.folderOrInbox());
    assertEquals(NotificationFilter.ALL, query.filterOrAll());
    assertTrue(query.isNewestPageOfFolder());
    assertTrue(!NotificationParameters.query(null, "4", null, null).isNewestPageOfFolder());
  }

  @Test
  void aFolderIsRequiredWhereUpstreamRequiresIt() {
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class, () -> NotificationParameters.requiredFolder(null));
    assertEquals("folder", e.parameter());
    assertTrue(e.getMessage().contains("required"), e.getMessage());
    assertEquals(NotificationFolder.ARCHIVE, NotificationParameters.requiredFolder("1"));
    assertThrows(InvalidParameterException.class, () -> NotificationParameters.requiredFolder("3"));
  }

  @ParameterizedTest(name = "ids {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|is required",
        "58dfdee838a32f009d454ed8,,58dfdd4238a32f00927ef259|none empty",
        "58dfdee838a32f009d454ed|24 hex digits",
        "58dfdee838a32f009d454ed8x|24 hex digits",
        "zzdfdee838a32f009d454ed8|24 hex digits",
        "58dfdee8 38a32f009d454ed8|24 hex digits",
      })
  void badIdsAreRefused(String ids, String says) {
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class, () -> NotificationParameters.ids(List.of(ids)));
    assertEquals("ids", e.parameter());
    assertTrue(e.getMessage().contains(says), e.getMessage());
  }

  @Test
  void idsAreSplitTrimmedAndDeduplicatedInOrder() {
    assertEquals(
        List.of("58dfdee838a32f009d454ed8", "58dfdd4238a32f00927ef259"),
        NotificationParameters.ids(
            List.of(
                " 58dfdee838a32f009d454ed8 ,58DFDD4238A32F00927EF259",
                "58dfdee838a32f009d454ed8")));
    assertThrows(InvalidParameterException.class, () -> NotificationParameters.ids(null));
    List<String> tooMany = new ArrayList<>();
    IntStream.range(0, NotificationParameters.MAX_IDS + 1)
        .forEach(i -> tooMany.add(String.format("%024x", i)));
    InvalidParameterException e =
        assertThrows(InvalidParameterException.class, () -> NotificationParameters.ids(tooMany));
    assertTrue(e.getMessage().contains("at most 5000"), e.getMessage());
  }

  @Test
  void chunksHoldAtMostTheLimitInOrder() {
    List<Integer> ids = IntStream.range(0, 450).boxed().toList();
    List<List<Integer>> chunks = NotificationParameters.chunks(ids, 200);
    assertEquals(List.of(200, 200, 50), chunks.stream().map(List::size).toList());
    assertEquals(ids, chunks.stream().flatMap(List::stream).toList());
    assertEquals(1, NotificationParameters.chunks(ids.subList(0, 200), 200).size());
    assertEquals(2, NotificationParameters.chunks(ids.subList(0, 201), 200).size());
    assertEquals(List.of(), NotificationParameters.chunks(List.of(), 200));
    assertThrows(IllegalArgumentException.class, () -> NotificationParameters.chunks(ids, 0));
  }

  @Test
  void aTokenIsTrimmedAndOneThatCannotBeATokenIsRefusedWithoutRepeatingIt() {
    assertEquals(
        "5904cbeb0e2cad7f621c0a85", NotificationParameters.token(" 5904cbeb0e2cad7f621c0a85\t"));
    assertEquals(
        "5904CBEB0E2CAD7F621C0A85", NotificationParameters.token("5904CBEB0E2CAD7F621C0A85"));
    for (String bad :
        List.of(
            "xyz",
            "5904cbeb0e2cad7f621c0a8",
            "5904cbeb0e2cad7f621c0a85a",
            "5904cbeb0e2cad7f621c0a8g",
            "5904cbeb 0e2cad7f621c0a85")) {
      InvalidParameterException e =
          assertThrows(InvalidParameterException.class, () -> NotificationParameters.token(bad));
      assertEquals("token", e.parameter());
      assertTrue(e.getMessage().startsWith("token: "), e.getMessage());
      assertTrue(e.getMessage().contains("24 hexadecimal digits"), e.getMessage());
      assertFalse(e.getMessage().contains(bad.trim()), "not repeated: " + e.getMessage());
    }
  }
}

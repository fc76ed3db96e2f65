package org.tradewatch.web.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What readiness rests on: the database is reported unreachable, not thrown, while it is down, and
 * reachable once it answers.
 */
class DatabaseTest {

  private static Database at(String url) {
    Database database = new Database();
    database.url = url;
    database.user = Optional.of("sa");
    database.password = Optional.empty();
    return database;
  }

  @Test
  void unreachableWhileTheDatabaseIsDown() {
    // An H2 server address that nothing listens on: the connection is refused at once.
    Database database = at("jdbc:h2:tcp://127.0.0.1:1/nothing");
    assertFalse(database.reachable());
    assertFalse(database.reachable(), "asking again tries again instead of failing for good");
  }

  @Test
  void reachableWhenItAnswers() {
    Database database = at("jdbc:h2:mem:health-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    try {
      assertTrue(database.reachable());
    } finally {
      database.close();
    }
  }

  @Test
  void credentialsInTheUrlAreNotLogged() {
    assertEquals(
        "jdbc:postgresql://db:5432/tradewatch",
        Database.redact("jdbc:postgresql://db:5432/tradewatch?user=me&password=secret"));
    assertEquals("jdbc:h2:file:./data/x", Database.redact("jdbc:h2:file:./data/x;PASSWORD=secret"));
  }

  @Test
  void anH2FileIsClosedByTheApplicationNotByH2sShutdownHook() {
    assertEquals(
        "jdbc:h2:file:./data/x;DB_CLOSE_ON_EXIT=FALSE",
        Database.withoutH2ExitHook("jdbc:h2:file:./data/x"));
    assertEquals(
        "jdbc:h2:file:./x;db_close_on_exit=true",
        Database.withoutH2ExitHook("jdbc:h2:file:./x;db_close_on_exit=true"));
    assertEquals("jdbc:h2:mem:x", Database.withoutH2ExitHook("jdbc:h2:mem:x"));
    assertEquals(
        "jdbc:postgresql://db/tradewatch",
        Database.withoutH2ExitHook("jdbc:postgresql://db/tradewatch"));
  }

  @Test
  void anEmbeddedH2DatabaseCachesASixteenthOfTheHeapUnlessItsUrlSays() {
    long heap = 512L * 1024 * 1024;
    assertEquals(
        "jdbc:h2:file:./data/x;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=32768",
        Database.withH2Cache("jdbc:h2:file:./data/x;DB_CLOSE_ON_EXIT=FALSE", heap));
    assertEquals(
        "jdbc:h2:file:./x;cache_size=4096",
        Database.withH2Cache("jdbc:h2:file:./x;cache_size=4096", heap));
    assertEquals(
        "jdbc:h2:./x;CACHE_SIZE=16384",
        Database.withH2Cache("jdbc:h2:./x", 128L * 1024 * 1024),
        "never below H2's own 16 MB");
    assertEquals("jdbc:h2:mem:x", Database.withH2Cache("jdbc:h2:mem:x", heap));
    assertEquals("jdbc:h2:tcp://db/x", Database.withH2Cache("jdbc:h2:tcp://db/x", heap));
    assertEquals(
        "jdbc:postgresql://db/tradewatch",
        Database.withH2Cache("jdbc:postgresql://db/tradewatch", heap));
  }
}

package dev.quarry.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code getNextException()} chains of every length come out of {@link Redaction#redact} whole,
 * in order, without values, and in time. A failed batch chains one exception per statement
 * (25P02 for each after the first); copying each link with its own rest of the chain, then
 * appending it, once made the copy loop on itself from three links on, and spin forever from
 * four.
 */
class RedactionChainTest {
  @Test
  void chainsOfAnyLengthAreCopiedWholeAndInOrder() {
    Random random = new Random(20261130);
    List<Integer> lengths = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 8, 64, 20_000));
    for (int i = 0; i < 40; i++) {
      lengths.add(random.nextInt(200));
    }
    for (int length : lengths) {
      BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT ... VALUES ('secret') was aborted",
          "23505", 0, new int[0]);
      List<String> states = new ArrayList<>(List.of("23505"));
      SQLException last = batch;
      for (int i = 1; i <= length; i++) {
        String state = i == 1 ? "23505" : "25P02";
        SQLException next = new SQLException("statement " + i + " with 'secret' value", state);
        last.setNextException(next); // last is the end of the chain: appending walks nothing
        last = next;
        states.add(state);
      }
      Throwable copy = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Redaction.redact(batch),
          "a chain of " + length);
      assertEquals(states, chain((SQLException) copy), "a chain of " + length);
    }
  }

  @Test
  void aLinkThatIsAlsoTheCauseIsCopiedOnce() {
    SQLException first = new SQLException("first 'secret'", "23505");
    SQLException second = new SQLException("second 'secret'", "25P02");
    SQLException third = new SQLException("third 'secret'", "25P02");
    first.setNextException(second);
    first.setNextException(third);
    SQLException top = new SQLException("batch 'secret'", "23505", second);
    top.setNextException(first);
    SQLException copy = (SQLException) assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Redaction.redact(top));
    assertEquals(List.of("23505", "23505", "25P02", "25P02"), chain(copy));
    assertNotSame(second, copy.getCause());
  }

  @Test
  void aChainThatLoopsBackIsCopiedUpToTheLoop() {
    SQLException a = new SQLException("a 'secret'", "23505");
    SQLException b = new SQLException("b 'secret'", "25P02");
    a.setNextException(b);
    b.setNextException(a); // b's next is a: a, b, a, b, ...
    SQLException copy = (SQLException) assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Redaction.redact(a));
    assertEquals(List.of("23505", "25P02"), chain(copy));
  }

  /** The SQLSTATEs along the chain, checking that no link kept its message. */
  private static List<String> chain(SQLException e) {
    List<String> states = new ArrayList<>();
    for (SQLException link = e; link != null; link = link.getNextException()) {
      assertFalse(String.valueOf(link.getMessage()).contains("secret"), link.getMessage());
      states.add(link.getSQLState());
      if (states.size() > 1_000_000) {
        throw new AssertionError("the copied chain loops");
      }
    }
    return states;
  }
}

package dev.quarry.spring;

import dev.quarry.runtime.StatementListener;
import java.util.List;

/** Several listeners told in order, as one; each one's failure is kept from the others. */
final class StatementListeners {
  private StatementListeners() {}

  static StatementListener of(List<StatementListener> listeners) {
    return switch (listeners.size()) {
      case 0 -> StatementListener.NONE;
      case 1 -> listeners.get(0);
      default -> (method, sql) -> {
        StatementListener.Run[] runs = new StatementListener.Run[listeners.size()];
        for (int i = 0; i < runs.length; i++) {
          runs[i] = listeners.get(i).started(method, sql);
        }
        return (nanos, failure) -> {
          // ended in reverse, so scopes opened by the listeners close in order
          for (int i = runs.length - 1; i >= 0; i--) {
            runs[i].finished(nanos, failure);
          }
        };
      };
    };
  }
}

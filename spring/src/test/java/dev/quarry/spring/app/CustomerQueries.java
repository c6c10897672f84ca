package dev.quarry.spring.app;

import dev.quarry.Queries;
import dev.quarry.Sql;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Custom statements that change data and return rows, in every shape a caller can catch a failure of. */
@Queries(Customer.class)
public interface CustomerQueries {
  @Sql("INSERT INTO customers (email, name) VALUES (:email, :name) RETURNING id")
  List<Long> insertReturningIds(String email, String name);

  @Sql("INSERT INTO customers (email, name) VALUES (:email, :name) RETURNING id")
  Optional<Long> insertReturningId(String email, String name);

  @Sql("INSERT INTO customers (email, name) VALUES (:email, :name)")
  void insertEach(Collection<Customer> customers);
}

package dev.quarry.example.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The example application, started as it ships, in a schema of its own. */
@DirtiesContext
@SpringBootTest(classes = {ShopApplication.class, ShopApplicationTest.DropSchema.class})
class ShopApplicationTest {
  static final String URL = System.getenv().getOrDefault("QUARRY_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
  static final String SCHEMA = "shop_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFL);

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    execute("CREATE SCHEMA " + SCHEMA);
    registry.add("spring.datasource.url", () -> URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class DropSchema {
    @Bean
    DisposableBean dropShopSchema() {
      return () -> execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(URL)) {
      c.createStatement().execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Autowired ShopService shop;
  @Autowired OrderLineDao lines;

  @Test
  void theDemoRanAndAnOrderThatDoesNotFitLeavesNothingBehind() {
    // the CommandLineRunner placed order-1 at start-up and was refused order-2
    assertEquals(7, shop.stock("tea"));
    assertEquals(1, shop.stock("cup"));
    assertEquals(2, lines.count());

    Map<String, Integer> teaThenTooManyCups = new LinkedHashMap<>();
    teaThenTooManyCups.put("tea", 1);
    teaThenTooManyCups.put("cup", 2);
    assertThrows(OutOfStockException.class, () -> shop.place("order-3", teaThenTooManyCups));
    assertEquals(7, shop.stock("tea"), "the tea line and its stock change were rolled back with the order");
    assertEquals(2, lines.count());
  }
}

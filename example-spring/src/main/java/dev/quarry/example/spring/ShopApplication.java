package dev.quarry.example.spring;

import java.util.Map;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application on Quarry. {@code application.properties} names the database
 * ({@code QUARRY_JDBC_URL} when set) and lets Quarry create the tables; run it with
 * {@code mvn -pl example-spring exec:java}.
 */
@SpringBootApplication
public class ShopApplication {
  public static void main(String[] args) {
    SpringApplication.run(ShopApplication.class, args).close();
  }

  /** Stocks two products, places an order that fits and one that does not. */
  @Bean
  CommandLineRunner demo(ProductDao products, ShopService shop) {
    return args -> {
      products.upsertBySku(new Product(null, "tea", "Green tea", 10));
      products.upsertBySku(new Product(null, "cup", "Cup", 2));
      shop.place("order-1", Map.of("tea", 3, "cup", 1));
      System.out.println("after order-1: tea " + shop.stock("tea") + ", cup " + shop.stock("cup"));
      try {
        shop.place("order-2", Map.of("cup", 5));
      } catch (OutOfStockException e) {
        System.out.println("order-2 refused (" + e.getMessage() + "); cup still " + shop.stock("cup"));
      }
    };
  }
}

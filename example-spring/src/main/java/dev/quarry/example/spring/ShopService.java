package dev.quarry.example.spring;

import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places orders. The DAOs are beans Quarry's auto-configuration made from the generated
 * classes; inside {@code @Transactional} they run in Spring's transaction, so an order is
 * written whole or not at all.
 */
@Service
public class ShopService {
  private final ProductDao products;
  private final OrderLineDao lines;

  public ShopService(ProductDao products, OrderLineDao lines) {
    this.products = products;
    this.lines = lines;
  }

  /**
   * Writes one line per SKU and takes the quantities out of stock.
   *
   * @throws OutOfStockException when a product has too few left; nothing of the order is kept
   */
  @Transactional
  public void place(String orderRef, Map<String, Integer> quantities) {
    quantities.forEach((sku, quantity) -> {
      Product product = products.findBySku(sku).orElseThrow(() -> new IllegalArgumentException("no product " + sku));
      lines.insert(new OrderLine(null, orderRef, product.id(), quantity));
      if (product.stock() < quantity) {
        throw new OutOfStockException(sku, quantity, product.stock());   // the line above is rolled back
      }
      products.update(new Product(product.id(), sku, product.name(), product.stock() - quantity));
    });
  }

  /** How many are left of {@code sku}. */
  @Transactional(readOnly = true)
  public int stock(String sku) {
    return products.findBySku(sku).map(Product::stock).orElse(0);
  }
}

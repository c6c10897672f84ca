package dev.quarry.example.spring;

/** An order asked for more than is in stock. */
public class OutOfStockException extends RuntimeException {
  public OutOfStockException(String sku, int wanted, int left) {
    super(sku + ": " + wanted + " wanted, " + left + " left");
  }
}

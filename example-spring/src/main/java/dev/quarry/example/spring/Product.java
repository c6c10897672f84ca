package dev.quarry.example.spring;

import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Table;
import dev.quarry.Unique;

/** A product and how many are in stock. */
@Table("products")
public record Product(@Id @Identity Long id, @Unique String sku, String name, int stock) {}

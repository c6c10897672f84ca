package dev.quarry.example.spring;

import dev.quarry.ForeignKey;
import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Table;

/** One product ordered, and how many. */
@Table("order_lines")
public record OrderLine(@Id @Identity Long id, String orderRef,
                        @ForeignKey(references = Product.class) long productId, int quantity) {}

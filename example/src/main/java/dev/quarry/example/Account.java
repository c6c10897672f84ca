package dev.quarry.example;

import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Table;
import dev.quarry.Version;
import java.math.BigDecimal;

/** A balance under optimistic locking. */
@Table("accounts")
public record Account(@Id @Identity Long id, String holder, BigDecimal balance, @Version long version) {}

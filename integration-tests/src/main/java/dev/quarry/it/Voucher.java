package dev.quarry.it;

import dev.quarry.Column;
import dev.quarry.Id;
import dev.quarry.Table;
import java.util.List;

/**
 * A key of a domain type: {@code code8} is a domain over {@code varchar(8)}, created before
 * the table. Quarry does not know its length; PostgreSQL reads every value with the
 * domain's input function.
 */
@Table("vouchers")
public record Voucher(@Id @Column(type = "code8") String code, long cents,
    @Column(type = "code8[]") List<String> replaces) {}

package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Partitioned;
import dev.quarry.Table;
import dev.quarry.UniqueKey;

/** LIST partitions by region, with a DEFAULT. */
@Table("orders")
@Partitioned(by = "region", strategy = Partitioned.Strategy.LIST, defaultPartition = true, lists = {
    @Partitioned.List(name = "us", values = {"us-east", "us-west"}),
    @Partitioned.List(name = "eu", values = {"eu-west", "eu-north"})})
@UniqueKey({"reference", "region"})
public record Order(@Id long id, @Id String region, String reference, long amount) {}

package dev.quarry.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A run's figures on disk and in words: each run writes its raw per-round times as a TSV file
 * ({@code run-1.tsv}); {@link #write} turns every run of a folder into {@code results.md} (the
 * targets, then one table per section), the chart, and the block of benchmarks/README.md between
 * its markers, so that no figure in the README is typed by hand.
 */
final class Report {
  static final String BEGIN = "<!-- results:begin (written by the benchmark harness; do not edit) -->";
  static final String END = "<!-- results:end -->";

  /** One run as read back: what it ran on, and its sections. */
  record Run(String name, Map<String, String> meta, List<Measured> sections) {}

  private Report() {}

  static String millis(double ms) {
    return ms >= 100 ? String.format(Locale.ROOT, "%.0f ms", ms)
        : ms >= 1 ? String.format(Locale.ROOT, "%.2f ms", ms)
        : String.format(Locale.ROOT, "%.1f µs", ms * 1000);
  }

  /** {@code 1.02x [0.97..1.10]}: the median of per-round ratios, then their range. */
  static String spread(double[] ratios) {
    return String.format(Locale.ROOT, "%sx [%s..%s]", ratio(Measured.median(ratios)), ratio(Measured.min(ratios)),
        ratio(Measured.max(ratios)));
  }

  private static String ratio(double r) {
    return r >= 100 ? String.format(Locale.ROOT, "%.0f", r) : r >= 10 ? String.format(Locale.ROOT, "%.1f", r)
        : String.format(Locale.ROOT, "%.2f", r);
  }

  // ---- one run: printed, and saved as TSV ----

  static void printTargets(List<Measured> run, PrintStream out) {
    out.println("targets");
    for (Targets.Target t : Targets.all()) {
      Targets.Verdict v = Targets.check(t, run);
      out.printf(Locale.ROOT, "  %-4s  %-86s %s%n", v.word(), t.text().replace("`", ""), v.figure());
    }
  }

  static void save(Path file, Map<String, String> meta, List<Measured> run) throws IOException {
    List<String> lines = new ArrayList<>();
    meta.forEach((k, v) -> lines.add("meta\t" + k + "\t" + v));
    for (Measured m : run) {
      lines.add(String.join("\t", "section", m.section(), m.title(), m.load()));
      for (int c = 0; c < m.names().size(); c++) {
        StringBuilder b = new StringBuilder("times\t").append(m.section()).append('\t').append(m.names().get(c));
        for (double v : m.millis()[c]) {
          b.append('\t').append(v);
        }
        lines.add(b.toString());
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, lines);
  }

  static Run load(Path file) throws IOException {
    Map<String, String> meta = new LinkedHashMap<>();
    List<Measured> sections = new ArrayList<>();
    String[] section = null;
    List<String> names = new ArrayList<>();
    List<double[]> times = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String[] f = line.split("\t", -1);
      switch (f[0]) {
        case "meta" -> meta.put(f[1], f[2]);
        case "section" -> {
          if (section != null) {
            sections.add(measured(section, names, times));
          }
          section = f;
          names = new ArrayList<>();
          times = new ArrayList<>();
        }
        case "times" -> {
          names.add(f[2]);
          double[] t = new double[f.length - 3];
          for (int i = 3; i < f.length; i++) {
            t[i - 3] = Double.parseDouble(f[i]);
          }
          times.add(t);
        }
        default -> throw new IOException(file + ": unexpected line " + line);
      }
    }
    if (section != null) {
      sections.add(measured(section, names, times));
    }
    String name = file.getFileName().toString().replaceFirst("\\.tsv$", "");
    return new Run(name, meta, sections);
  }

  private static Measured measured(String[] section, List<String> names, List<double[]> times) {
    return new Measured(section[1], section[2], List.copyOf(names), times.toArray(new double[0][]), section[3]);
  }

  // ---- every run of a folder: results.md, the chart, the README block ----

  /** Writes results.md and the chart into {@code dir} from its run-*.tsv files; updates {@code readme} if given. */
  static void write(Path dir, Path readme) throws Exception {
    List<Run> runs = runs(dir);
    if (runs.isEmpty()) {
      throw new IllegalStateException("no run-*.tsv in " + dir + ": run the benchmarks with out=" + dir + " first");
    }
    String markdown = markdown(runs);
    Files.writeString(dir.resolve("results.md"), markdown);
    Chart.write(runs, dir.resolve("ratios.png"), dir.resolve("ratios.svg"));
    if (readme != null) {
      String text = Files.readString(readme);
      int begin = text.indexOf(BEGIN);
      int end = text.indexOf(END);
      if (begin < 0 || end < begin) {
        throw new IllegalStateException(readme + " has no results block (" + BEGIN + " ... " + END + ")");
      }
      String block = BEGIN + "\n\n![Time of each contender relative to the baseline, per round](results/ratios.png)\n\n"
          + markdown + "\n" + END;
      Files.writeString(readme, text.substring(0, begin) + block + text.substring(end + END.length()));
    }
    System.out.println("wrote " + dir.resolve("results.md") + ", " + dir.resolve("ratios.png")
        + (readme != null ? " and the results block of " + readme : ""));
  }

  static List<Run> runs(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().matches("run-.*\\.tsv")).sorted().collect(Collectors.toList());
    }
    List<Run> runs = new ArrayList<>();
    for (Path f : files) {
      runs.add(load(f));
    }
    return runs;
  }

  static String markdown(List<Run> runs) {
    StringBuilder b = new StringBuilder();
    b.append("#### Where each run was measured\n\n");
    for (Run r : runs) {
      b.append("- **").append(r.name()).append("** ").append(r.meta().getOrDefault("started", ""))
          .append(": ").append(r.meta().getOrDefault("machine", "")).append(". ")
          .append(r.meta().getOrDefault("sizes", "")).append('\n');
    }
    b.append("\n#### Targets\n\nEach figure is the median of per-round ratios, then their range over the rounds.\n\n| target |");
    for (Run r : runs) {
      b.append(' ').append(r.name()).append(" |");
    }
    b.append(" verdict |\n|---|").append("---|".repeat(runs.size())).append("---|\n");
    for (Targets.Target t : Targets.all()) {
      b.append("| ").append(t.text()).append(" |");
      boolean all = true;
      boolean any = false;
      for (Run r : runs) {
        Targets.Verdict v = Targets.check(t, r.sections());
        b.append(' ').append(v.word()).append(' ').append(v.figure()).append(" |");
        all &= v.measured() && v.pass();
        any |= v.measured();
      }
      b.append(!any ? " n/a" : all ? " **PASS**" : " **MISS**").append(" |\n");
    }
    for (Measured first : runs.get(0).sections()) {
      section(b, first, runs);
    }
    if (runs.stream().anyMatch(r -> r.meta().containsKey("retention"))) {
      b.append("\n#### Retention of one month, measured once per run\n\n");
      for (Run r : runs) {
        b.append("- ").append(r.name()).append(": ").append(r.meta().getOrDefault("retention", "not measured")).append('\n');
      }
    }
    return b.toString();
  }

  private static void section(StringBuilder b, Measured first, List<Run> runs) {
    b.append("\n#### ").append(first.title()).append("\n\n| contender |");
    for (Run r : runs) {
      b.append(' ').append(r.name()).append(": time / call | ").append(r.name()).append(": / ").append(first.baseline()).append(" |");
    }
    b.append("\n|---|").append("---:|---:|".repeat(runs.size())).append('\n');
    for (String name : first.names()) {
      b.append("| ").append(name.replace("|", "\\|")).append(" |");
      for (Run r : runs) {
        Measured m = r.sections().stream().filter(s -> s.section().equals(first.section())).findFirst().orElse(null);
        if (m == null || !m.names().contains(name)) {
          b.append(" | |");
          continue;
        }
        String rounds = m.rounds(name) < m.millis()[0].length
            ? " (" + m.rounds(name) + " of " + m.millis()[0].length + " rounds)" : "";
        b.append(' ').append(millis(m.medianMillis(name))).append(" | ").append(spread(m.ratios(name, m.baseline())))
            .append(rounds).append(" |");
      }
      b.append('\n');
    }
    b.append("\n").append(first.millis()[0].length).append(" rounds. Load average over the section:");
    for (Run r : runs) {
      r.sections().stream().filter(s -> s.section().equals(first.section())).findFirst()
          .ifPresent(m -> b.append(' ').append(r.name()).append(' ').append(m.load()).append(';'));
    }
    b.setLength(b.length() - 1);
    b.append(".\n");
  }
}

package org.stowage.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes the benchmark's second data set ({@code bench/run.sh --data generated}): files made from a seed alone, of
 * kinds the real-file set hardly has and the compression probe's bands (docs/design.md §4) were never tuned on:
 * <ul>
 *   <li>{@code src/}, 30 %: source trees (Java-, C-, Python- and JavaScript-like files, READMEs, build files, one
 *       licence text per project); a module is now and then vendored whole into another project's
 *       {@code third_party/}, so a few files are exact duplicates;</li>
 *   <li>{@code mail/}, 35 %: mbox folders of threaded mail, replies quoting what they answer, an HTML copy of some
 *       bodies, and base64 attachments of incompressible bytes (a quarter of them forwarded again, byte for
 *       byte);</li>
 *   <li>{@code db/}, 35 %: two pg_dump-style dumps of one database on consecutive days, the second with 1 % of the
 *       rows deleted, 2 % updated and 3 % added (what keeping a week of nightly dumps looks like), a few of its
 *       tables holding hex-encoded binary columns.</li>
 * </ul>
 * Text comes from a vocabulary with Zipf-distributed word frequencies (common English words first, then seeded
 * made-up words), so it compresses about as real text and code do.
 *
 * <p>Deterministic: the same seed and size give the same bytes, names and modification times (of files and
 * directories) on every JDK. All randomness comes from SplitMix64 ({@link Rng}, specified here), logarithms from
 * {@link StrictMath}, dates are formatted in UTC with {@link Locale#ROOT}, and nothing depends on the order a
 * directory is listed in.
 *
 * <p>Self-contained, like {@link Mutate} and {@link Report}: {@code bench/dataset.sh} runs it as
 * {@code java GenerateData.java DIR SIZE_MIB SEED} before anything is built. DIR must not exist. Prints one
 * {@code key=value} line per figure (files and bytes per part) for the run script to record.
 */
public final class GenerateData {

    static final long MIB = 1 << 20;
    /** Every file's modification time is this plus one second per file written before it. */
    static final Instant EPOCH = Instant.parse("2026-01-15T03:00:00Z");

    private GenerateData() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java GenerateData.java DIR SIZE_MIB SEED");
            System.exit(2);
        }
        long seed = Long.parseLong(args[2]);
        Figures f = generate(Path.of(args[0]), Long.parseLong(args[1]) * MIB, seed);
        System.out.println("generated_seed=" + seed);
        System.out.println("generated_src_bytes=" + f.src);
        System.out.println("generated_mail_bytes=" + f.mail);
        System.out.println("generated_db_bytes=" + f.db);
        System.out.println("generated_files=" + f.files);
        System.out.println("generated_bytes=" + f.bytes);
    }

    /** Bytes per part, files and bytes in all. */
    record Figures(long src, long mail, long db, long files, long bytes) {
    }

    /** Writes about {@code budget} bytes into the new directory {@code dir}. */
    static Figures generate(Path dir, long budget, long seed) throws IOException {
        if (Files.exists(dir)) {
            throw new IOException(dir + " exists: the generator writes a new tree only");
        }
        Words words = new Words(Rng.of(seed, 0), 24_000);
        Output out = new Output(dir);
        long src = new SourceTrees(seed, words, out).write(budget * 30 / 100);
        long mail = new Mailboxes(seed, words, out).write(budget * 35 / 100);
        long db = new Dumps(seed, words, out).write(budget - src - mail);
        try (Stream<Path> dirs = Files.walk(dir)) { // last: writing a file changes its directory's time
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                Files.setLastModifiedTime(d, FileTime.from(EPOCH));
            }
        }
        return new Figures(src, mail, db, out.files, out.bytes);
    }

    // ---- randomness and words -------------------------------------------------------------------------------------

    /** SplitMix64 (Steele, Lea, Flood 2014): specified by its few lines, so every JDK draws the same numbers. */
    static final class Rng {
        private long state;

        private Rng(long seed) {
            this.state = seed;
        }

        /** A generator for one purpose, independent of how many numbers other purposes drew. */
        static Rng of(long seed, long... salts) {
            long s = mix(seed);
            for (long salt : salts) {
                s = mix(s ^ mix(salt + 0x632BE59BD9B4E019L));
            }
            return new Rng(s);
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        long next() {
            state += 0x9E3779B97F4A7C15L;
            return mix(state);
        }

        /** Uniform in [0, bound). */
        int below(int bound) {
            return (int) (((next() >>> 32) * bound) >>> 32);
        }

        /** Uniform in [lo, hi]. */
        int between(int lo, int hi) {
            return lo + below(hi - lo + 1);
        }

        double unit() {
            return (next() >>> 11) * 0x1.0p-53;
        }

        boolean chance(double p) {
            return unit() < p;
        }

        /** Log-uniform in [lo, hi]: sizes of files and attachments, many small and a few large. */
        long logUniform(long lo, long hi) {
            return (long) (lo * StrictMath.exp(unit() * StrictMath.log((double) hi / lo)));
        }

        <T> T pick(List<T> list) {
            return list.get(below(list.size()));
        }

        String pick(String[] list) {
            return list[below(list.length)];
        }

        /** Incompressible bytes. */
        byte[] bytes(int n) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i += 8) {
                long v = next();
                for (int j = i; j < Math.min(n, i + 8); j++, v >>>= 8) {
                    b[j] = (byte) v;
                }
            }
            return b;
        }
    }

    /** A vocabulary whose word of rank r is drawn with weight 1/r (Zipf), common English words first. */
    static final class Words {
        private static final String[] COMMON = ("the of and to a in is that for it as was with be by on not he this "
                + "are or his from at which but have an they you were her she there been one all we their has would "
                + "when if so no will can more about out up them some could what into than then time only other "
                + "new its also after two first any these may such should each most over under between before must "
                + "data file user system value error request server change update list report version support")
                .split(" ");
        private static final String[] ONSETS = {"b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t",
            "v", "w", "st", "tr", "pr", "ch", "sh", "th", "br", "cl", "gr", "pl", "sp", ""};
        private static final String[] NUCLEI = {"a", "e", "i", "o", "u", "ea", "ou", "io", "ai", "y"};
        private static final String[] CODAS = {"", "", "", "n", "r", "s", "t", "l", "nd", "st", "ck", "m", "ng", "x"};

        private final String[] words;
        private final double[] cumulative;

        Words(Rng rng, int size) {
            words = new String[size];
            cumulative = new double[size];
            double sum = 0;
            for (int r = 0; r < size; r++) {
                words[r] = r < COMMON.length ? COMMON[r] : madeUp(rng);
                sum += 1.0 / (r + 1);
                cumulative[r] = sum;
            }
        }

        private static String madeUp(Rng rng) {
            StringBuilder w = new StringBuilder();
            int syllables = rng.between(1, 3) + (rng.chance(0.2) ? 1 : 0);
            for (int i = 0; i < syllables; i++) {
                w.append(rng.pick(ONSETS)).append(rng.pick(NUCLEI)).append(rng.pick(CODAS));
            }
            return w.toString();
        }

        String word(Rng rng) {
            return words[rank(rng)];
        }

        private int rank(Rng rng) {
            double x = rng.unit() * cumulative[cumulative.length - 1];
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] < x) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** A word past the common ones: names of things. */
        String rare(Rng rng) {
            int r;
            do {
                r = rank(rng);
            } while (r < COMMON.length);
            return words[r];
        }

        static String capital(String w) {
            return Character.toUpperCase(w.charAt(0)) + w.substring(1);
        }

        /** camelCase (or CamelCase) of 1-3 words. */
        String identifier(Rng rng, boolean type) {
            StringBuilder id = new StringBuilder();
            int n = rng.between(1, 3);
            for (int i = 0; i < n; i++) {
                String w = rare(rng);
                id.append(i == 0 && !type ? w : capital(w));
            }
            return id.toString();
        }

        void sentence(Rng rng, StringBuilder out) {
            int n = rng.between(4, 18);
            for (int i = 0; i < n; i++) {
                String w = word(rng);
                out.append(i == 0 ? capital(w) : w);
                out.append(i == n - 1 ? "" : i > 2 && rng.chance(0.08) ? ", " : " ");
            }
            out.append(rng.chance(0.1) ? '?' : '.');
        }

        /** Sentences wrapped at {@code width} columns, each line starting with {@code prefix}. */
        void paragraph(Rng rng, StringBuilder out, String prefix, int width, int sentences) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < sentences; i++) {
                sentence(rng, text.append(i == 0 ? "" : " "));
            }
            wrap(text, out, prefix, width);
        }

        static void wrap(CharSequence text, StringBuilder out, String prefix, int width) {
            int start = 0;
            int len = text.length();
            while (start < len) {
                int end = Math.min(len, start + width);
                if (end < len) {
                    int space = lastSpace(text, start, end);
                    end = space > start ? space : end;
                }
                out.append(prefix).append(text, start, end).append('\n');
                start = end < len && text.charAt(end) == ' ' ? end + 1 : end;
            }
        }

        private static int lastSpace(CharSequence text, int from, int to) {
            for (int i = to; i > from; i--) {
                if (text.charAt(i) == ' ') {
                    return i;
                }
            }
            return -1;
        }
    }

    // ---- output ---------------------------------------------------------------------------------------------------

    /** Writes the files, counts them and gives each its modification time. */
    static final class Output {
        final Path root;
        long files;
        long bytes;

        Output(Path root) {
            this.root = root;
        }

        void write(String path, CharSequence text) throws IOException {
            try (Sink sink = open(path)) {
                sink.append(text);
            }
        }

        Sink open(String path) throws IOException {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            return new Sink(this, file);
        }

        void closed(Path file, long size) throws IOException {
            Files.setLastModifiedTime(file, FileTime.from(EPOCH.plusSeconds(files)));
            files++;
            bytes += size;
        }
    }

    /** A file being written: ASCII text and raw bytes, buffered; {@link #size} counts what was written. */
    static final class Sink implements AutoCloseable {
        private final Output output;
        private final Path file;
        private final OutputStream stream;
        long size;

        Sink(Output output, Path file) throws IOException {
            this.output = output;
            this.file = file;
            this.stream = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        }

        Sink append(CharSequence text) throws IOException {
            byte[] b = text.toString().getBytes(StandardCharsets.ISO_8859_1);
            stream.write(b);
            size += b.length;
            return this;
        }

        @Override
        public void close() throws IOException {
            stream.close();
            output.closed(file, size);
        }
    }

    static final DateTimeFormatter RFC_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    static final DateTimeFormatter MBOX_DATE =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);
    static final DateTimeFormatter SQL_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    // ---- source trees ---------------------------------------------------------------------------------------------

    /** Projects of modules of source files; see {@link SourceFile} for what a file looks like. */
    static final class SourceTrees {
        private final long seed;
        private final Words words;
        private final Output out;
        private long written;

        SourceTrees(long seed, Words words, Output out) {
            this.seed = seed;
            this.words = words;
            this.out = out;
        }

        long write(long budget) throws IOException {
            List<long[]> modules = new ArrayList<>(); // {project, module} written so far, for vendoring
            for (int project = 0; written < budget; project++) {
                Rng rng = Rng.of(seed, 1, project);
                String name = words.rare(rng) + "-" + words.rare(rng);
                String license = license(Rng.of(seed, 2, project));
                int count = rng.between(3, 12);
                for (int m = 0; m < count && written < budget; m++) {
                    out.write("src/" + name + "/m" + m + "/LICENSE", license);
                    written += license.length();
                    if (!modules.isEmpty() && rng.chance(0.08)) { // an earlier module, vendored byte for byte
                        long[] v = rng.pick(modules);
                        module(v[0], (int) v[1], "src/" + name + "/third_party/v" + m + "/", budget);
                    }
                    module(project, m, "src/" + name + "/m" + m + "/", budget);
                    modules.add(new long[] {project, m});
                }
            }
            return written;
        }

        private String license(Rng rng) {
            StringBuilder text = new StringBuilder();
            for (int i = rng.between(6, 14); i > 0; i--) {
                words.paragraph(rng, text, "", 78, rng.between(2, 6));
                text.append('\n');
            }
            return text.toString();
        }

        /** One module: a README, a build file and its sources, all drawn from the module's own seed. */
        private void module(long project, int module, String dir, long budget) throws IOException {
            Rng rng = Rng.of(seed, 3, project, module);
            SourceFile.Flavor flavor = SourceFile.Flavor.values()[rng.below(SourceFile.Flavor.values().length)];
            SourceFile file = new SourceFile(words, flavor, rng);
            StringBuilder readme = new StringBuilder("# ").append(words.identifier(rng, true)).append("\n\n");
            for (int i = rng.between(2, 8); i > 0; i--) {
                words.paragraph(rng, readme, "", 80, rng.between(2, 7));
                readme.append('\n');
            }
            emit(dir + "README.md", readme);
            emit(dir + flavor.buildFile, file.buildFile(rng));
            int files = (int) rng.logUniform(4, 80);
            Set<String> taken = new HashSet<>(); // membership only: the order of writing is the draws'
            for (int i = 0; i < files && written < budget; i++) {
                String pkg = rng.chance(0.3) ? file.name(rng, false) + "/" : "";
                String name = file.name(rng, true);
                String path = dir + flavor.root + pkg + name;
                while (!taken.add(path)) {
                    path += "_" + i;
                }
                emit(path + flavor.suffix, file.body(rng, name));
            }
        }

        private void emit(String path, CharSequence text) throws IOException {
            out.write(path, text);
            written += text.length();
        }
    }

    /**
     * One source file in one of four syntaxes: a licence header, imports, a documented type with fields and methods
     * whose statements nest blocks, calls, literals and comments. Names come from a pool drawn per module, so a
     * module repeats its own identifiers as real code does.
     */
    static final class SourceFile {
        enum Flavor {
            JAVA(".java", "src/main/java/", "pom.xml", "//", "{", "}", ";", "final var %s = %s;"),
            C(".c", "src/", "Makefile", "//", "{", "}", ";", "long %s = %s;"),
            PYTHON(".py", "", "setup.py", "#", ":", "", "", "%s = %s"),
            JS(".js", "lib/", "package.json", "//", "{", "}", ";", "const %s = %s;");

            final String suffix;
            final String root;
            final String buildFile;
            final String comment;
            final String open;
            final String close;
            final String end;
            final String declaration;

            Flavor(String suffix, String root, String buildFile, String comment, String open, String close,
                   String end, String declaration) {
                this.suffix = suffix;
                this.root = root;
                this.buildFile = buildFile;
                this.comment = comment;
                this.open = open;
                this.close = close;
                this.end = end;
                this.declaration = declaration;
            }
        }

        private static final String[] TYPES = {"int", "long", "String", "boolean", "List", "Map", "byte[]",
            "Path", "Duration", "Optional"};
        private static final String[] IMPORTS = {"java.util.List", "java.util.Map", "java.util.ArrayList",
            "java.io.IOException", "java.nio.file.Path", "java.time.Duration", "java.util.Optional",
            "java.util.concurrent.TimeUnit", "org.slf4j.Logger", "java.util.Objects", "java.util.function.Function"};
        private static final String[] OPERATORS = {" == ", " != ", " < ", " > ", " <= ", " + ", " - ", " * "};

        private final Words words;
        private final Flavor flavor;
        private final String[] names;
        private final String[] types;
        private final String header;

        SourceFile(Words words, Flavor flavor, Rng rng) {
            this.words = words;
            this.flavor = flavor;
            this.names = new String[rng.between(20, 60)];
            this.types = new String[rng.between(6, 20)];
            for (int i = 0; i < names.length; i++) {
                names[i] = words.identifier(rng, false);
            }
            for (int i = 0; i < types.length; i++) {
                types[i] = words.identifier(rng, true);
            }
            StringBuilder h = new StringBuilder();
            words.paragraph(rng, h, flavor.comment + " ", 76, rng.between(2, 4));
            this.header = h.toString();
        }

        String name(Rng rng, boolean type) {
            return type ? rng.pick(types) + (rng.chance(0.5) ? Words.capital(words.rare(rng)) : "")
                    : rng.pick(names).toLowerCase(Locale.ROOT);
        }

        String buildFile(Rng rng) {
            StringBuilder b = new StringBuilder();
            for (int i = rng.between(5, 30); i > 0; i--) {
                b.append(rng.pick(names)).append(flavor == Flavor.JAVA ? " = \"" : ": \"")
                        .append(words.rare(rng)).append('-').append(rng.between(0, 9)).append('.')
                        .append(rng.between(0, 40)).append("\"\n");
            }
            return b.toString();
        }

        CharSequence body(Rng rng, String type) {
            StringBuilder s = new StringBuilder(header).append('\n');
            for (int i = rng.between(2, 12); i > 0; i--) {
                s.append(flavor == Flavor.PYTHON ? "import " : flavor == Flavor.C ? "#include <" : "import ")
                        .append(rng.pick(IMPORTS)).append(flavor == Flavor.C ? ".h>" : flavor.end).append('\n');
            }
            s.append('\n');
            words.paragraph(rng, s, flavor.comment + " ", 76, rng.between(1, 4));
            s.append(flavor == Flavor.PYTHON ? "class " + type + ":\n"
                    : flavor == Flavor.C ? "struct " + type + " {\n" : "public class " + type + " {\n");
            for (int i = rng.between(1, 8); i > 0; i--) {
                s.append("    ").append(flavor == Flavor.PYTHON ? "" : rng.pick(TYPES) + " ")
                        .append(rng.pick(names)).append(flavor == Flavor.PYTHON ? " = None" : flavor.end).append('\n');
            }
            s.append(flavor == Flavor.C ? "};\n\n" : "\n");
            for (int i = (int) rng.logUniform(1, 30); i > 0; i--) {
                method(rng, s);
            }
            s.append(flavor.close.isEmpty() || flavor == Flavor.C ? "" : flavor.close + "\n");
            return s;
        }

        private void method(Rng rng, StringBuilder s) {
            String indent = flavor == Flavor.C ? "" : "    ";
            words.paragraph(rng, s, indent + flavor.comment + " ", 72, rng.between(1, 3));
            String params = rng.pick(names) + ", " + rng.pick(names);
            s.append(indent).append(switch (flavor) {
                case JAVA -> "public " + rng.pick(TYPES) + " " + rng.pick(names) + "(" + rng.pick(TYPES) + " "
                        + params.replace(", ", ", " + rng.pick(TYPES) + " ") + ") {";
                case C -> "static int " + rng.pick(names) + "(long " + params.replace(", ", ", long ") + ") {";
                case PYTHON -> "def " + rng.pick(names).toLowerCase(Locale.ROOT) + "(self, " + params + "):";
                case JS -> "async " + rng.pick(names) + "(" + params + ") {";
            }).append('\n');
            block(rng, s, indent + "    ", 0, rng.between(2, 14));
            s.append(flavor.close.isEmpty() ? "" : indent + flavor.close + "\n").append('\n');
        }

        private void block(Rng rng, StringBuilder s, String indent, int depth, int statements) {
            for (int i = 0; i < statements; i++) {
                int kind = rng.below(depth < 3 ? 10 : 7);
                switch (kind) {
                    case 0, 1, 2 -> s.append(indent).append(String.format(Locale.ROOT, flavor.declaration,
                            rng.pick(names), expression(rng))).append('\n');
                    case 3, 4 -> s.append(indent).append(call(rng)).append(flavor.end).append('\n');
                    case 5 -> s.append(indent).append(flavor.comment).append(' ')
                            .append(sentence(rng)).append('\n');
                    case 6 -> s.append(indent).append(flavor == Flavor.PYTHON ? "return " : "return ")
                            .append(expression(rng)).append(flavor.end).append('\n');
                    default -> {
                        String head = kind == 7 ? "if " : kind == 8 ? "for " : "while ";
                        String cond = expression(rng);
                        s.append(indent).append(head).append(flavor == Flavor.PYTHON ? cond : "(" + cond + ")")
                                .append(flavor == Flavor.PYTHON ? "" : " ").append(flavor.open).append('\n');
                        block(rng, s, indent + "    ", depth + 1, rng.between(1, 6));
                        s.append(flavor.close.isEmpty() ? "" : indent + flavor.close + "\n");
                    }
                }
            }
        }

        private String expression(Rng rng) {
            return switch (rng.below(6)) {
                case 0 -> call(rng);
                case 1 -> rng.pick(names) + rng.pick(OPERATORS) + rng.between(0, 4096);
                case 2 -> "\"" + sentence(rng).replace("\"", "") + "\"";
                case 3 -> rng.pick(names) + rng.pick(OPERATORS) + rng.pick(names);
                default -> rng.pick(names) + "." + rng.pick(names) + "()";
            };
        }

        private String call(Rng rng) {
            StringBuilder c = new StringBuilder(rng.pick(names));
            c.append(rng.chance(0.5) ? "." + rng.pick(names) : "").append('(');
            for (int i = rng.below(4); i > 0; i--) {
                c.append(rng.pick(names)).append(i > 1 ? ", " : "");
            }
            return c.append(')').toString();
        }

        private String sentence(Rng rng) {
            StringBuilder b = new StringBuilder();
            words.sentence(rng, b);
            return b.toString();
        }
    }

    // ---- mail -----------------------------------------------------------------------------------------------------

    /** mbox folders; see {@link #message} for what a message looks like. */
    static final class Mailboxes {
        private static final String[] FOLDERS = {"INBOX", "Sent", "Archive", "lists/dev", "lists/users",
            "lists/announce", "Projects", "Receipts"};

        private final long seed;
        private final Words words;
        private final Output out;
        private final String[] people;
        private final String[] signatures;
        /** Recent messages a reply can answer: {subject, message id, body}. */
        private final List<String[]> recent = new ArrayList<>();
        /** Recent attachments a forward can carry again, byte for byte: {name, base64}. */
        private final List<String[]> attachments = new ArrayList<>();
        private Instant clock = Instant.parse("2025-03-01T08:00:00Z");
        private long messages;

        Mailboxes(long seed, Words words, Output out) {
            this.seed = seed;
            this.words = words;
            this.out = out;
            Rng rng = Rng.of(seed, 10);
            String[] domains = new String[24];
            for (int i = 0; i < domains.length; i++) {
                domains[i] = words.rare(rng) + (rng.chance(0.7) ? ".com" : ".org");
            }
            people = new String[300];
            signatures = new String[people.length];
            for (int i = 0; i < people.length; i++) {
                String first = words.rare(rng);
                String last = words.rare(rng);
                people[i] = Words.capital(first) + " " + Words.capital(last) + " <" + first + "." + last + "@"
                        + rng.pick(domains) + ">";
                StringBuilder sig = new StringBuilder("-- \n").append(Words.capital(first)).append(' ')
                        .append(Words.capital(last)).append('\n');
                words.paragraph(rng, sig, "", 60, rng.between(1, 2));
                signatures[i] = sig.toString();
            }
        }

        long write(long budget) throws IOException {
            long written = 0;
            for (int f = 0; written < budget; f++) {
                Rng rng = Rng.of(seed, 11, f);
                String name = "mail/" + FOLDERS[f % FOLDERS.length]
                        + (f < FOLDERS.length ? "" : "-" + f / FOLDERS.length);
                long target = Math.min(budget - written, rng.logUniform(2 * MIB, 64 * MIB));
                try (Sink mbox = out.open(name)) {
                    while (mbox.size < target) {
                        mbox.append(message(rng));
                    }
                    written += mbox.size;
                }
            }
            return written;
        }

        private CharSequence message(Rng rng) {
            clock = clock.plusSeconds(rng.logUniform(20, 20_000));
            int from = rng.below(people.length);
            String id = Long.toHexString(rng.next()) + "." + messages++ + "@" + address(people[from]).split("@")[1];
            boolean reply = !recent.isEmpty() && rng.chance(0.45);
            String[] parent = reply ? rng.pick(recent) : null;
            String subject = reply ? (parent[0].startsWith("Re: ") ? parent[0] : "Re: " + parent[0])
                    : subject(rng);
            StringBuilder body = new StringBuilder();
            words.paragraph(rng, body, "", 72, rng.between(1, 5));
            for (int i = rng.between(0, 4); i > 0; i--) {
                words.paragraph(rng, body.append('\n'), "", 72, rng.between(1, 6));
            }
            if (reply) {
                body.append("\nOn ").append(RFC_DATE.format(clock.minusSeconds(3600))).append(", someone wrote:\n");
                parent[2].lines().limit(40).forEach(l -> body.append(l.startsWith(">") ? ">" : "> ").append(l)
                        .append('\n'));
            }
            body.append('\n').append(signatures[from]);
            escapeFromLines(body);
            StringBuilder m = headers(rng, from, id, subject, parent);
            remember(new String[] {subject, id, body.toString()});
            boolean html = rng.chance(0.3);
            boolean attach = rng.chance(0.025);
            if (!html && !attach) {
                return m.append("Content-Type: text/plain; charset=utf-8\n\n").append(body).append('\n');
            }
            String boundary = "=_" + Long.toHexString(rng.next());
            m.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\n\n");
            m.append("--").append(boundary).append("\nContent-Type: text/plain; charset=utf-8\n\n").append(body);
            if (html) {
                m.append("\n--").append(boundary).append("\nContent-Type: text/html; charset=utf-8\n\n<html><body>\n");
                body.toString().lines().forEach(l -> m.append("<p>").append(l).append("</p>\n"));
                m.append("</body></html>\n");
            }
            if (attach) {
                String[] a = attachment(rng);
                m.append("\n--").append(boundary).append("\nContent-Type: application/octet-stream; name=\"")
                        .append(a[0]).append("\"\nContent-Transfer-Encoding: base64\n\n").append(a[1]);
            }
            return m.append("\n--").append(boundary).append("--\n\n");
        }

        private StringBuilder headers(Rng rng, int from, String id, String subject, String[] parent) {
            String date = RFC_DATE.format(clock);
            StringBuilder m = new StringBuilder("From ").append(address(people[from])).append(' ')
                    .append(MBOX_DATE.format(clock)).append('\n');
            for (int hop = rng.between(2, 5); hop > 0; hop--) {
                m.append("Received: from mx").append(rng.between(1, 9)).append('.').append(words.rare(rng))
                        .append(".net (10.").append(rng.below(256)).append('.').append(rng.below(256)).append('.')
                        .append(rng.below(256)).append(")\n\tby mail.example.org with ESMTPS id ")
                        .append(Long.toHexString(rng.next()).toUpperCase(Locale.ROOT)).append(";\n\t").append(date)
                        .append('\n');
            }
            m.append("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=")
                    .append(address(people[from]).split("@")[1]).append("; s=k1;\n\tb=");
            m.append(Base64.getEncoder().encodeToString(rng.bytes(256))).append('\n');
            m.append("Message-ID: <").append(id).append(">\n");
            if (parent != null) {
                m.append("In-Reply-To: <").append(parent[1]).append(">\nReferences: <").append(parent[1]).append(">\n");
            }
            m.append("Date: ").append(date).append("\nFrom: ").append(people[from]).append("\nTo: ")
                    .append(rng.pick(people)).append("\nSubject: ").append(subject).append("\nMIME-Version: 1.0\n");
            return m;
        }

        /** mbox: a body line that starts with "From " would start a new message; readers expect it as ">From ". */
        private static void escapeFromLines(StringBuilder body) {
            for (int i = body.indexOf("From "); i >= 0; i = body.indexOf("From ", i + 2)) {
                if (i == 0 || body.charAt(i - 1) == '\n') {
                    body.insert(i, '>');
                }
            }
        }

        private String subject(Rng rng) {
            StringBuilder s = new StringBuilder();
            for (int i = rng.between(2, 7); i > 0; i--) {
                s.append(s.length() == 0 ? Words.capital(words.word(rng)) : " " + words.word(rng));
            }
            return s.toString();
        }

        private void remember(String[] message) {
            recent.add(message);
            if (recent.size() > 50) {
                recent.remove(0);
            }
        }

        /** {name, base64 lines}: a new attachment of incompressible bytes, or now and then an earlier one again. */
        private String[] attachment(Rng rng) {
            if (!attachments.isEmpty() && rng.chance(0.25)) {
                return rng.pick(attachments);
            }
            byte[] content = rng.bytes((int) rng.logUniform(4 << 10, 1 << 20));
            String[] a = {words.rare(rng) + (rng.chance(0.5) ? ".pdf" : ".jpg"),
                Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(content) + "\n"};
            attachments.add(a);
            if (attachments.size() > 20) {
                attachments.remove(0);
            }
            return a;
        }

        private static String address(String person) {
            return person.substring(person.indexOf('<') + 1, person.length() - 1);
        }
    }

    // ---- database dumps -------------------------------------------------------------------------------------------

    /**
     * Two dumps of one database, a day apart. Every row is drawn from its own seed (table, id), so the second day
     * repeats the first day's rows except those it deletes (1 %, half of the oldest 2 %: a retention purge), updates
     * (2 %, a fifth of the newest 10 %: recent orders change status and amount) or adds (3 % more rows at the end of
     * each table), as a database changes from one nightly dump to the next: the middle of each table is the same.
     */
    static final class Dumps {
        private static final String[] TABLES = {"customers", "orders", "order_items", "events", "documents"};
        /** Share of the first dump's bytes per table. */
        private static final int[] SHARES = {15, 25, 20, 32, 8};
        private static final String[] STATUS = {"new", "paid", "shipped", "delivered", "cancelled", "refunded"};
        private static final String[] COUNTRIES = {"DE", "FR", "US", "GB", "NL", "SE", "IT", "ES", "PL", "JP"};
        private static final String[] KINDS = {"login", "logout", "view", "search", "cart.add", "cart.remove",
            "checkout", "payment.ok", "payment.failed", "mail.sent"};

        /** Row id i was created about 97 s after row i - 1 of its table. */
        private static final Instant ROWS_START = Instant.parse("2023-01-01T00:00:00Z");

        private final long seed;
        private final Words words;
        private final Output out;
        private final String db;

        Dumps(long seed, Words words, Output out) {
            this.seed = seed;
            this.words = words;
            this.out = out;
            this.db = words.rare(Rng.of(seed, 20)) + "_production";
        }

        long write(long budget) throws IOException {
            long[] rows = new long[TABLES.length];
            long first = dump(0, budget * 100 / 203, rows);
            return first + dump(1, Long.MAX_VALUE, rows);
        }

        /** Day 0 writes rows until each table's share of the budget and sets {@code rows}; day 1 reuses them. */
        private long dump(int day, long budget, long[] rows) throws IOException {
            Instant at = Instant.parse("2026-01-14T02:00:00Z").plusSeconds(86_400L * day);
            try (Sink sql = out.open("db/" + db + "-" + SQL_DATE.format(at).substring(0, 10) + ".sql")) {
                sql.append("--\n-- PostgreSQL database dump\n--\n\nSET statement_timeout = 0;\n"
                        + "SET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\n\n");
                for (int t = 0; t < TABLES.length; t++) {
                    sql.append(schema(t));
                    long start = sql.size;
                    long limit = day == 0 ? budget * SHARES[t] / 100 : Long.MAX_VALUE;
                    long ids = day == 0 ? Long.MAX_VALUE : rows[t] + rows[t] * 3 / 100;
                    long id = 1;
                    for (; id <= ids && sql.size - start < limit; id++) {
                        Rng fate = Rng.of(seed, 21, t, id);
                        boolean old = day == 1 && id <= rows[t];
                        if (old && id <= rows[t] / 50 && fate.chance(0.5)) {
                            continue; // purged: the oldest rows go
                        }
                        sql.append(row(t, id, old && id > rows[t] * 9 / 10 && fate.chance(0.2) ? fate : null));
                    }
                    rows[t] = day == 0 ? id - 1 : rows[t];
                    sql.append("\\.\n\n");
                }
                sql.append("--\n-- PostgreSQL database dump complete\n--\n");
                return sql.size;
            }
        }

        private String schema(int t) {
            String columns = switch (t) {
                case 0 -> "id bigint NOT NULL, name text, email text, country character(2), city text, "
                        + "created_at timestamp without time zone, status text, balance numeric(12,2)";
                case 1 -> "id bigint NOT NULL, customer_id bigint, created_at timestamp without time zone, "
                        + "status text, total numeric(12,2), currency character(3), shipping_address text";
                case 2 -> "id bigint NOT NULL, order_id bigint, sku text, quantity integer, unit_price numeric(10,2)";
                case 3 -> "id bigint NOT NULL, at timestamp without time zone, kind text, customer_id bigint, "
                        + "payload jsonb";
                default -> "id bigint NOT NULL, name text, mime text, content bytea";
            };
            String names = columns.replaceAll(" [a-z]+( [a-z]+)*(\\([0-9,]+\\))?( NOT NULL)?(, |$)", "$4");
            return "CREATE TABLE public." + TABLES[t] + " (\n    " + columns.replace(", ", ",\n    ") + "\n);\n\n"
                    + "ALTER TABLE ONLY public." + TABLES[t] + " ADD CONSTRAINT " + TABLES[t]
                    + "_pkey PRIMARY KEY (id);\n\nCOPY public." + TABLES[t] + " (" + names + ") FROM stdin;\n";
        }

        /** One COPY line of table t; {@code update} (null: none) redraws what an update changes. */
        private CharSequence row(int t, long id, Rng update) {
            Rng rng = Rng.of(seed, 22, t, id);
            Rng changed = update != null ? update : rng;
            String created = SQL_DATE.format(ROWS_START.plusSeconds(id * 97 + rng.below(90)));
            StringBuilder r = new StringBuilder().append(id).append('\t');
            switch (t) {
                case 0 -> {
                    String first = words.rare(rng);
                    String last = words.rare(rng);
                    r.append(Words.capital(first)).append(' ').append(Words.capital(last)).append('\t')
                            .append(first).append('.').append(last).append("@mail.example\t")
                            .append(rng.pick(COUNTRIES)).append('\t').append(Words.capital(words.rare(rng)))
                            .append('\t').append(created).append('\t').append(changed.pick(STATUS)).append('\t')
                            .append(money(changed, 100_000));
                }
                case 1 -> r.append(rng.below(1 + (int) id)).append('\t').append(created).append('\t')
                        .append(changed.pick(STATUS)).append('\t').append(money(changed, 50_000)).append("\tEUR\t")
                        .append(rng.between(1, 300)).append(' ').append(Words.capital(words.rare(rng)))
                        .append(" Street\\n").append(rng.between(10000, 99999)).append(' ')
                        .append(Words.capital(words.rare(rng)));
                case 2 -> r.append(id / 3 + 1).append("\tSKU-").append(rng.between(1000, 99999)).append('\t')
                        .append(changed.between(1, 12)).append('\t').append(money(rng, 1_000));
                case 3 -> event(rng, created, r);
                default -> r.append(words.rare(rng)).append(".pdf\tapplication/pdf\t\\\\x")
                        .append(HexFormat.of().formatHex(rng.bytes((int) rng.logUniform(256, 16 << 10))));
            }
            return r.append('\n');
        }

        private void event(Rng rng, String created, StringBuilder r) {
            r.append(created).append('\t').append(rng.pick(KINDS)).append('\t').append(rng.below(50_000))
                    .append("\t{\"session\": \"").append(Long.toHexString(rng.next())).append("\", \"agent\": \"")
                    .append(rng.chance(0.6) ? "Mozilla/5.0 (X11; Linux x86_64)" : "Mozilla/5.0 (iPhone; CPU OS 17_2)")
                    .append("\", \"path\": \"/").append(words.rare(rng)).append('/').append(words.rare(rng))
                    .append("\", \"ms\": ").append(rng.between(3, 2000));
            if (rng.chance(0.3)) {
                StringBuilder text = new StringBuilder();
                words.sentence(rng, text);
                r.append(", \"note\": \"").append(text).append('"');
            }
            r.append('}');
        }

        private static String money(Rng rng, int max) {
            int cents = rng.below(max * 100);
            return cents / 100 + "." + (cents % 100 < 10 ? "0" : "") + cents % 100;
        }
    }
}

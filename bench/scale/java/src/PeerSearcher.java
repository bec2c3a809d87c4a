import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.MultiCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.NullFragmenter;
import org.apache.lucene.search.highlight.QueryTermScorer;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.search.highlight.SimpleFragmenter;
import org.apache.lucene.search.similarities.ClassicSimilarity;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Runs the engine's query mix against the peer index, as the engine's SearchService does per request:
 * parse and build the query, collect the top hits (score, then year descending, then id) together with the
 * facet counts of every hit from doc values (type, source, language, discipline, topic ordinals counted per
 * segment, year from NumericDocValues), load the stored documents of the page and highlight the title (whole)
 * and the abstract (a fragment of about 120 characters) with the stock Highlighter.
 *
 * <pre>
 * PeerSearcher --index DIR --queries queries.tsv [--threads 1,16] [--seconds 10] [--warmup 3] [--show N]
 * </pre>
 *
 * queries.tsv: {@code kind<TAB>/api/search?q=...&syntax=...&type=...&year=...} per line ({@code #} comments).
 * Each thread count runs for the given seconds, every thread walking the mix from its own offset; one JSON
 * line per thread count: queries, queries/s, p50/p95/p99/max in ms, errors, and p50/p99 per kind.
 */
public final class PeerSearcher {
    private final IndexSearcher searcher;
    private final Analyzer analyzer = PeerAnalysis.catalogAnalyzer();
    private static final Sort RELEVANCE;
    private static final Sort YEAR_DESC;
    private static final Sort YEAR_ASC;

    static {
        SortField id = new SortField(PeerSchema.ID_SORT, SortField.Type.STRING);
        SortField yearDesc = new SortField(PeerSchema.YEAR_DV, SortField.Type.INT, true);
        yearDesc.setMissingValue(Integer.MIN_VALUE);
        SortField yearAsc = new SortField(PeerSchema.YEAR_DV, SortField.Type.INT, false);
        yearAsc.setMissingValue(Integer.MAX_VALUE);
        RELEVANCE = new Sort(SortField.FIELD_SCORE, yearDesc, id);
        YEAR_DESC = new Sort(yearDesc, SortField.FIELD_SCORE, id);
        YEAR_ASC = new Sort(yearAsc, SortField.FIELD_SCORE, id);
    }

    private PeerSearcher(IndexSearcher searcher) {
        this.searcher = searcher;
    }

    /** What one search produced (kept so nothing is optimized away, and for --show). */
    static final class Result {
        long total;
        final List<String> titles = new ArrayList<>();
        final List<String> abstracts = new ArrayList<>();
        Map<String, List<Map.Entry<String, Integer>>> facets = new HashMap<>();
        String query;
    }

    Result search(PeerQueries.Request request, boolean highlightAbstract) throws IOException, InvalidTokenOffsetsException {
        PeerQueries.Built built = new PeerQueries.Builder(analyzer).build(request);
        Sort sort = request.sort.startsWith("year-asc") || request.sort.startsWith("year_asc") ? YEAR_ASC
            : request.sort.startsWith("year") ? YEAR_DESC : RELEVANCE;
        TopFieldCollector top = TopFieldCollector.create(sort, request.size, Integer.MAX_VALUE);
        FacetCollector facets = new FacetCollector();
        searcher.search(built.query, MultiCollector.wrap(top, facets));
        TopFieldDocs docs = top.topDocs();
        Result result = new Result();
        result.total = docs.totalHits.value;
        result.query = built.query.toString();

        SimpleHTMLFormatter formatter = new SimpleHTMLFormatter("<em>", "</em>");
        SimpleHTMLEncoder encoder = new SimpleHTMLEncoder();
        // Term-set scoring, as the engine's HitHighlighter: a token is marked when its term is a query term.
        Highlighter title = new Highlighter(formatter, encoder, new QueryTermScorer(built.highlight, PeerQueries.HIGHLIGHT_FIELD));
        title.setTextFragmenter(new NullFragmenter());
        Highlighter abstractHighlighter = new Highlighter(formatter, encoder, new QueryTermScorer(built.highlight, PeerQueries.HIGHLIGHT_FIELD));
        abstractHighlighter.setTextFragmenter(new SimpleFragmenter(120));
        // Nothing to mark (an empty box, a filter-only request): like the engine, no re-analysis.
        boolean mark = !((org.apache.lucene.search.BooleanQuery) built.highlight).clauses().isEmpty();
        for (ScoreDoc hit : docs.scoreDocs) {
            Document doc = searcher.doc(hit.doc);
            String text = doc.get("title");
            text = text == null ? "" : text;
            String marked = mark ? title.getBestFragment(analyzer, PeerQueries.HIGHLIGHT_FIELD, text) : null;
            result.titles.add(marked != null ? marked : encoder.encodeText(text));
            String abstractText = doc.get("abstract");
            if (highlightAbstract && abstractText != null && !abstractText.isEmpty()) {
                String fragment = mark ? abstractHighlighter.getBestFragment(analyzer, PeerQueries.HIGHLIGHT_FIELD, abstractText) : null;
                result.abstracts.add(fragment != null ? fragment
                    : encoder.encodeText(abstractText.substring(0, Math.min(120, abstractText.length()))));
            }
        }
        for (PeerSchema.FacetSpec f : PeerSchema.FACET_FIELDS) {
            List<Map.Entry<String, Integer>> counts = facets.counts(f.facetField());
            result.facets.put(f.name, f == PeerSchema.TOPIC && counts.size() > 30 ? counts.subList(0, 30) : counts);
        }
        result.facets.put("year", facets.yearCounts());
        return result;
    }

    /**
     * Facet counts of every collected document from doc values: per segment, ordinals counted in an array,
     * turned into strings when the segment ends; years counted from NumericDocValues.
     */
    static final class FacetCollector implements Collector {
        private final String[] fields;
        private final List<Map<String, Integer>> totals = new ArrayList<>();
        private final SortedSetDocValues[] values;
        private final int[][] counts;
        private final Map<Integer, Integer> years = new HashMap<>();

        FacetCollector() {
            fields = new String[PeerSchema.FACET_FIELDS.size()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = PeerSchema.FACET_FIELDS.get(i).facetField();
                totals.add(new HashMap<>());
            }
            values = new SortedSetDocValues[fields.length];
            counts = new int[fields.length][];
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            flush();
            for (int i = 0; i < fields.length; i++) {
                values[i] = context.reader().getSortedSetDocValues(fields[i]);
                counts[i] = values[i] == null ? null : new int[Math.toIntExact(values[i].getValueCount())];
            }
            NumericDocValues yearValues = context.reader().getNumericDocValues(PeerSchema.YEAR_DV);
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {
                }

                @Override
                public void collect(int doc) throws IOException {
                    for (int i = 0; i < values.length; i++) {
                        SortedSetDocValues dv = values[i];
                        if (dv != null && dv.advanceExact(doc)) {
                            int[] c = counts[i];
                            long ord;
                            while ((ord = dv.nextOrd()) != SortedSetDocValues.NO_MORE_ORDS) {
                                c[(int) ord]++;
                            }
                        }
                    }
                    if (yearValues != null && yearValues.advanceExact(doc)) {
                        years.merge((int) yearValues.longValue(), 1, Integer::sum);
                    }
                }
            };
        }

        private void flush() throws IOException {
            for (int i = 0; i < fields.length; i++) {
                if (values[i] == null) {
                    continue;
                }
                int[] c = counts[i];
                Map<String, Integer> total = totals.get(i);
                for (int ord = 0; ord < c.length; ord++) {
                    if (c[ord] != 0) {
                        BytesRef bytes = values[i].lookupOrd(ord);
                        total.merge(bytes.utf8ToString(), c[ord], Integer::sum);
                    }
                }
                values[i] = null;
                counts[i] = null;
            }
        }

        /** Counts of a facet field, by count descending, then value. */
        List<Map.Entry<String, Integer>> counts(String field) throws IOException {
            flush();
            int i = Arrays.asList(fields).indexOf(field);
            List<Map.Entry<String, Integer>> list = new ArrayList<>(totals.get(i).entrySet());
            list.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey()) : b.getValue() - a.getValue());
            return list;
        }

        /** Year counts, newest first. */
        List<Map.Entry<String, Integer>> yearCounts() {
            List<Map.Entry<String, Integer>> list = new ArrayList<>();
            for (Map.Entry<Integer, Integer> e : new TreeMap<>(years).descendingMap().entrySet()) {
                list.add(Map.entry(String.valueOf(e.getKey()), e.getValue()));
            }
            return list;
        }
    }

    // ---- The benchmark -----------------------------------------------------------------------------------------

    public static void main(String[] args) throws Exception {
        Path index = null;
        Path queries = null;
        int[] threadCounts = {1, 16};
        double seconds = 10;
        double warmup = 3;
        int show = 0;
        boolean highlightAbstract = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--index": index = Paths.get(args[++i]); break;
                case "--queries": queries = Paths.get(args[++i]); break;
                case "--threads": threadCounts = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray(); break;
                case "--seconds": seconds = Double.parseDouble(args[++i]); break;
                case "--warmup": warmup = Double.parseDouble(args[++i]); break;
                case "--show": show = Integer.parseInt(args[++i]); break;
                case "--title-only": highlightAbstract = false; break;
                default:
                    System.err.println("unknown option " + args[i]);
                    System.err.println("usage: PeerSearcher --index DIR --queries FILE [--threads 1,16] [--seconds 10] [--warmup 3] [--show N] [--title-only]");
                    System.exit(2);
            }
        }
        if (index == null || queries == null) {
            System.err.println("usage: PeerSearcher --index DIR --queries FILE [--threads 1,16] [--seconds 10] [--warmup 3] [--show N] [--title-only]");
            System.exit(2);
        }
        List<PeerQueries.Request> requests = readQueries(queries);
        if (requests.isEmpty()) {
            System.err.println("no queries in " + queries);
            System.exit(2);
        }
        try (FSDirectory directory = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new ClassicSimilarity());
            PeerSearcher peer = new PeerSearcher(searcher);
            int errors = 0;
            // Every query once: errors counted, the first --show printed.
            for (int i = 0; i < requests.size(); i++) {
                PeerQueries.Request r = requests.get(i);
                try {
                    Result result = peer.search(r, highlightAbstract);
                    if (i < show) {
                        System.err.println(r.kind + "\t" + r.url + "\n  hits " + result.total + "  query " + truncate(result.query, 400)
                            + (result.titles.isEmpty() ? "" : "\n  1st  " + result.titles.get(0))
                            + (result.abstracts.isEmpty() ? "" : "\n  abs  " + result.abstracts.get(0))
                            + "\n  type " + result.facets.get("type") + "  year " + truncate(String.valueOf(result.facets.get("year")), 120));
                    }
                } catch (RuntimeException e) {
                    errors++;
                    if (i < show || errors <= 3) {
                        System.err.println("error: " + r.kind + "\t" + r.url + ": " + e.getMessage());
                    }
                }
            }
            System.err.println(requests.size() + " queries " + PeerQueries.kinds(requests) + ", " + errors + " failing; "
                + reader.numDocs() + " docs, " + reader.leaves().size() + " segments");
            if (warmup > 0) {
                peer.run(requests, Math.max(1, Arrays.stream(threadCounts).max().getAsInt() / 4), warmup, highlightAbstract);
            }
            for (int threads : threadCounts) {
                System.out.println(peer.run(requests, threads, seconds, highlightAbstract).toJson(threads, seconds));
            }
        }
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n) + "…";
    }

    static List<PeerQueries.Request> readQueries(Path file) throws IOException {
        List<PeerQueries.Request> requests = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            String kind = tab < 0 ? "query" : line.substring(0, tab).strip();
            String url = (tab < 0 ? line : line.substring(tab + 1)).strip();
            if (!url.contains("/api/search")) {
                continue; // a header line
            }
            try {
                requests.add(PeerQueries.parseRequest(kind, url));
            } catch (RuntimeException e) {
                System.err.println("skipped (" + e.getMessage() + "): " + line);
            }
        }
        return requests;
    }

    /** Latencies of one run. */
    static final class Run {
        long[] nanos;
        String[] kinds;
        int errors;
        double elapsed;
        double cpuSeconds;

        String toJson(int threads, double seconds) {
            int n = nanos.length;
            StringBuilder json = new StringBuilder("{");
            json.append("\"threads\":").append(threads);
            json.append(",\"seconds\":").append(fmt(elapsed));
            json.append(",\"queries\":").append(n);
            json.append(",\"queriesPerSecond\":").append(fmt(n / elapsed));
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            json.append(",\"p50\":").append(fmt(pct(sorted, 0.50)));
            json.append(",\"p95\":").append(fmt(pct(sorted, 0.95)));
            json.append(",\"p99\":").append(fmt(pct(sorted, 0.99)));
            json.append(",\"max\":").append(fmt(n == 0 ? 0 : sorted[n - 1] / 1e6));
            json.append(",\"errors\":").append(errors);
            json.append(",\"cpuSeconds\":").append(fmt(cpuSeconds));
            json.append(",\"queriesPerCpuSecond\":").append(fmt(cpuSeconds > 0 ? n / cpuSeconds : 0));
            Map<String, List<Long>> byKind = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                byKind.computeIfAbsent(kinds[i], k -> new ArrayList<>()).add(nanos[i]);
            }
            json.append(",\"kinds\":{");
            boolean first = true;
            for (Map.Entry<String, List<Long>> e : byKind.entrySet()) {
                long[] k = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
                json.append(first ? "" : ",");
                PeerRecords.string(json, e.getKey());
                json.append(":{\"n\":").append(k.length).append(",\"p50\":").append(fmt(pct(k, 0.5)))
                    .append(",\"p99\":").append(fmt(pct(k, 0.99))).append('}');
                first = false;
            }
            json.append("}}");
            return json.toString();
        }

        private static double pct(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }

        private static String fmt(double v) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
    }

    Run run(List<PeerQueries.Request> requests, int threads, double seconds, boolean highlightAbstract) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        long[][] perThread = new long[threads][];
        int[][] perThreadQuery = new int[threads][];
        int[] counts = new int[threads];
        int[] errors = new int[threads];
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        long cpuStart = PeerIndexer.processCpuNanos();
        for (int t = 0; t < threads; t++) {
            final int me = t;
            perThread[t] = new long[4096];
            perThreadQuery[t] = new int[4096];
            Thread worker = new Thread(() -> {
                int q = (int) ((long) me * requests.size() / threads);
                long sink = 0;
                while (!stop.get()) {
                    PeerQueries.Request r = requests.get(q);
                    long begin = System.nanoTime();
                    try {
                        Result result = search(r, highlightAbstract);
                        sink += result.total + result.titles.size();
                    } catch (Exception e) {
                        errors[me]++;
                        q = (q + 1) % requests.size();
                        continue;
                    }
                    long took = System.nanoTime() - begin;
                    if (counts[me] == perThread[me].length) {
                        perThread[me] = Arrays.copyOf(perThread[me], counts[me] * 2);
                        perThreadQuery[me] = Arrays.copyOf(perThreadQuery[me], counts[me] * 2);
                    }
                    perThread[me][counts[me]] = took;
                    perThreadQuery[me][counts[me]] = q;
                    counts[me]++;
                    q = (q + 1) % requests.size();
                }
                if (sink == Long.MIN_VALUE) {
                    System.err.print("");
                }
            }, "peer-searcher-" + t);
            worker.start();
            workers.add(worker);
        }
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        Run run = new Run();
        run.elapsed = (System.nanoTime() - start) / 1e9;
        run.cpuSeconds = (PeerIndexer.processCpuNanos() - cpuStart) / 1e9;
        int total = Arrays.stream(counts).sum();
        run.nanos = new long[total];
        run.kinds = new String[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < counts[t]; i++) {
                run.nanos[at] = perThread[t][i];
                run.kinds[at] = requests.get(perThreadQuery[t][i]).kind;
                at++;
            }
            run.errors += errors[t];
        }
        return run;
    }
}

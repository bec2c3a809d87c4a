import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.similarities.ClassicSimilarity;
import org.apache.lucene.store.FSDirectory;

/**
 * Indexes a folder of OAI-PMH ListRecords dumps (oai_dc) with the engine's fields and analysis, in Lucene 8.
 *
 * <pre>
 * PeerIndexer --input DIR --index DIR [--threads 2] [--ram-mb 256] [--source ID] [--analysis-only | --parse-only]
 * </pre>
 *
 * The dump files (*.xml, *.xml.gz, sorted by name) are shared out to the threads, one file at a time; each
 * thread reads its file with StAX, maps its records and adds them to one IndexWriter. The writer commits once
 * at the end. {@code --analysis-only} maps and tokenizes every field without an index (the analysis floor);
 * {@code --parse-only} only reads and maps the XML. One JSON line on stdout.
 */
public final class PeerIndexer {
    private PeerIndexer() {
    }

    public static void main(String[] args) throws Exception {
        Path input = null;
        Path index = null;
        int threads = 2;
        double ramMb = 256;
        String source = "bench";
        String mode = "index";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--input": input = Paths.get(args[++i]); break;
                case "--index": index = Paths.get(args[++i]); break;
                case "--threads": threads = Integer.parseInt(args[++i]); break;
                case "--ram-mb": ramMb = Double.parseDouble(args[++i]); break;
                case "--source": source = args[++i]; break;
                case "--analysis-only": mode = "analysis-only"; break;
                case "--parse-only": mode = "parse-only"; break;
                case "-h":
                case "--help":
                    usage(null);
                    return;
                default:
                    usage("unknown option " + args[i]);
                    return;
            }
        }
        if (input == null || (index == null && mode.equals("index")) || threads < 1) {
            usage("--input and --index are required (--index not for --parse-only/--analysis-only), --threads >= 1");
            return;
        }
        List<Path> files = dumpFiles(input);
        if (files.isEmpty()) {
            System.err.println("no *.xml or *.xml.gz files in " + input);
            System.exit(2);
        }
        if (files.size() < threads) {
            System.err.println("warning: " + files.size() + " file(s) for " + threads + " threads; files are the unit of parallelism");
        }
        new PeerIndexer().run(files, index, threads, ramMb, source, mode);
    }

    private static void usage(String error) {
        if (error != null) {
            System.err.println(error);
        }
        System.err.println("usage: PeerIndexer --input DIR --index DIR [--threads 2] [--ram-mb 256] [--source ID] [--analysis-only | --parse-only]");
        if (error != null) {
            System.exit(2);
        }
    }

    static List<Path> dumpFiles(Path input) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(input)) {
            listing.filter(Files::isRegularFile)
                .filter(p -> p.getFileName().toString().endsWith(".xml") || p.getFileName().toString().endsWith(".xml.gz"))
                .sorted()
                .forEach(files::add);
        }
        return files;
    }

    private void run(List<Path> files, Path indexPath, int threads, double ramMb, String source, String mode) throws Exception {
        Analyzer analyzer = PeerAnalysis.catalogAnalyzer();
        // Load SmartCn's dictionaries and the folding tables before the clock starts (the engine warms them too).
        PeerAnalysis.consume(analyzer, "w" + PeerAnalysis.ZH, "湖北省科技信息研究院的文献检索平台");
        PeerAnalysis.nameForms("張偉");

        IndexWriter writer = null;
        FSDirectory directory = null;
        if (mode.equals("index")) {
            Files.createDirectories(indexPath);
            directory = FSDirectory.open(indexPath);
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(ramMb)
                .setSimilarity(new ClassicSimilarity())
                .setCommitOnClose(false);
            writer = new IndexWriter(directory, config);
        }

        AtomicInteger next = new AtomicInteger();
        AtomicLong tokens = new AtomicLong();
        PeerRecords.Counts total = new PeerRecords.Counts();
        List<Throwable> failures = new ArrayList<>();
        final IndexWriter w = writer;
        final String m = mode;
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                PeerRecords.Counts mine = new PeerRecords.Counts();
                long myTokens = 0;
                try {
                    int f;
                    long[] tokenBox = new long[1];
                    while ((f = next.getAndIncrement()) < files.size()) {
                        mine.add(PeerRecords.read(files.get(f), source, rec -> {
                            try {
                                if (m.equals("index")) {
                                    w.addDocument(PeerSchema.document(rec));
                                } else if (m.equals("analysis-only")) {
                                    tokenBox[0] += PeerSchema.analyze(analyzer, rec);
                                }
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }));
                    }
                    myTokens = tokenBox[0];
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
                synchronized (total) {
                    total.add(mine);
                }
                tokens.addAndGet(myTokens);
            }, "peer-indexer-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            if (writer != null) {
                writer.rollback();
            }
            Throwable first = failures.get(0);
            System.err.println("failed: " + first);
            first.printStackTrace();
            System.exit(1);
        }
        long indexBytes = 0;
        double closeSeconds = 0;
        if (writer != null) {
            writer.commit();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
        if (writer != null) {
            long closing = System.nanoTime();
            writer.close();
            closeSeconds = (System.nanoTime() - closing) / 1e9;
            directory.close();
            try (Stream<Path> listing = Files.list(indexPath)) {
                for (Path p : (Iterable<Path>) listing::iterator) {
                    indexBytes += Files.size(p);
                }
            }
        }

        StringBuilder json = new StringBuilder("{");
        json.append("\"docs\":").append(total.records);
        json.append(",\"seconds\":").append(fmt(seconds));
        json.append(",\"docsPerSecond\":").append(fmt(total.records / seconds));
        json.append(",\"threads\":").append(threads);
        json.append(",\"indexBytes\":").append(indexBytes);
        json.append(",\"cpuSeconds\":").append(fmt(cpuSeconds));
        json.append(",\"docsPerCpuSecond\":").append(fmt(total.records / cpuSeconds));
        json.append(",\"mode\":\"").append(mode).append('"');
        json.append(",\"files\":").append(files.size());
        json.append(",\"inputBytes\":").append(total.bytes);
        json.append(",\"inputMBPerSecond\":").append(fmt(total.bytes / 1048576.0 / seconds));
        json.append(",\"skippedDeleted\":").append(total.deleted);
        json.append(",\"skippedUnmapped\":").append(total.unmapped);
        if (mode.equals("analysis-only")) {
            json.append(",\"tokens\":").append(tokens.get());
        }
        if (mode.equals("index")) {
            json.append(",\"ramMb\":").append(fmt(ramMb));
            json.append(",\"closeSeconds\":").append(fmt(closeSeconds));
        }
        json.append(",\"lucene\":\"").append(org.apache.lucene.util.Version.LATEST).append('"');
        json.append('}');
        System.out.println(json);
    }

    /** CPU time of the whole process (all threads, GC and JIT included), for runs on a shared machine. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
            ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}

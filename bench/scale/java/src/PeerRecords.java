import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * OAI-PMH ListRecords dumps (oai_dc) to catalogue records, as the engine's file connector and OaiDcMapper
 * do: the header gives the id, datestamp and sets; dc:title the title (further titles the parallel titles),
 * dc:creator and dc:contributor the authors (split as name lists), dc:subject the keywords, the longest
 * dc:description the abstract, the first year of dc:date, dc:type to the record type, dc:language to ISO
 * 639-2/B, the first dc:publisher and dc:source, and dc:identifier sorted into DOI, link, ISBN, ISSN or other.
 * Deleted records and records without a title are skipped (counted).
 */
final class PeerRecords {
    static final String OAI = "http://www.openarchives.org/OAI/2.0/";
    static final String OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/";
    static final String DC = "http://purl.org/dc/elements/1.1/";

    private PeerRecords() {
    }

    /** The canonical record (the fields the index and the stored JSON need). */
    static final class Rec {
        String id;
        String sourceId;
        String externalId;
        String type = "other";
        String title;
        final List<String> alternativeTitles = new ArrayList<>();
        final List<String> authors = new ArrayList<>();
        final List<String> organizations = new ArrayList<>();
        String sourceTitle;
        String publisher;
        String abstractText;
        final List<String> keywords = new ArrayList<>();
        final List<String> subjects = new ArrayList<>();
        final List<String> classifications = new ArrayList<>();
        Integer year;
        String language;
        String doi;
        final List<String> isbn = new ArrayList<>();
        final List<String> issn = new ArrayList<>();
        final List<String> patentNumbers = new ArrayList<>();
        final List<String> standardNumbers = new ArrayList<>();
        final List<String> otherIds = new ArrayList<>();
        final List<String[]> links = new ArrayList<>();
        String datestamp;
        final List<String> sets = new ArrayList<>();
        String volume;
        String issue;
        String firstPage;
    }

    /** What a reader saw: records mapped, skipped, bytes read. */
    static final class Counts {
        long records;
        long deleted;
        long unmapped;
        long bytes;

        void add(Counts other) {
            records += other.records;
            deleted += other.deleted;
            unmapped += other.unmapped;
            bytes += other.bytes;
        }
    }

    // ---- Reading -------------------------------------------------------------------------------------------

    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(() -> {
        XMLInputFactory factory = XMLInputFactory.newInstance();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external entity refused: " + systemId);
        });
        return factory;
    });

    /** Reads one ListRecords file and hands every mapped record to the consumer. */
    static Counts read(Path file, String sourceId, Consumer<Rec> sink) throws IOException {
        Counts counts = new Counts();
        counts.bytes = Files.size(file);
        InputStream raw = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            raw = new java.util.zip.GZIPInputStream(raw, 1 << 16);
        }
        try (InputStream in = new BufferedInputStream(raw, 1 << 16)) {
            XMLStreamReader xml = FACTORY.get().createXMLStreamReader(in);
            try {
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT && "record".equals(xml.getLocalName())
                        && OAI.equals(xml.getNamespaceURI())) {
                        Rec rec = readRecord(xml, sourceId, counts);
                        if (rec != null) {
                            counts.records++;
                            sink.accept(rec);
                        }
                    }
                }
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return counts;
    }

    /** One record element (the reader on its start tag); null when deleted or without title. */
    private static Rec readRecord(XMLStreamReader xml, String sourceId, Counts counts) throws XMLStreamException {
        String identifier = null;
        String datestamp = null;
        boolean deleted = false;
        List<String> sets = new ArrayList<>();
        Map<String, List<String>> dc = new HashMap<>();
        int depth = 1;
        boolean inDc = false;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if (inDc && "dc".equals(xml.getLocalName()) && OAI_DC.equals(xml.getNamespaceURI())) {
                    inDc = false;
                }
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = xml.getLocalName();
            String ns = xml.getNamespaceURI();
            if (OAI.equals(ns) && "header".equals(name)) {
                deleted = "deleted".equals(xml.getAttributeValue(null, "status"));
                depth++;
            } else if (OAI.equals(ns) && "identifier".equals(name)) {
                identifier = text(xml).trim();
            } else if (OAI.equals(ns) && "datestamp".equals(name)) {
                datestamp = text(xml).trim();
            } else if (OAI.equals(ns) && "setSpec".equals(name)) {
                sets.add(text(xml).trim());
            } else if (OAI_DC.equals(ns) && "dc".equals(name)) {
                inDc = true;
                depth++;
            } else if (inDc && DC.equals(ns)) {
                String value = normalize(text(xml), false);
                if (!value.isEmpty()) {
                    dc.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                }
            } else {
                depth++;
            }
        }
        if (deleted || identifier == null || identifier.isEmpty()) {
            counts.deleted++;
            return null;
        }
        List<String> titles = dc.getOrDefault("title", List.of());
        if (titles.isEmpty()) {
            counts.unmapped++;
            return null;
        }
        Rec rec = new Rec();
        rec.sourceId = sourceId;
        rec.externalId = identifier;
        rec.id = recordId(sourceId, identifier);
        rec.datestamp = datestamp;
        rec.sets.addAll(sets);
        map(rec, titles, dc);
        return rec;
    }

    /** The text of the current element and its descendants; leaves the reader on its end tag. */
    private static String text(XMLStreamReader xml) throws XMLStreamException {
        StringBuilder text = null;
        String single = null;
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT:
                    depth++;
                    break;
                case XMLStreamConstants.END_ELEMENT:
                    depth--;
                    break;
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                case XMLStreamConstants.SPACE:
                    if (single == null && text == null) {
                        single = xml.getText();
                    } else {
                        if (text == null) {
                            text = new StringBuilder(single);
                        }
                        text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                    }
                    break;
                default:
                    break;
            }
        }
        return text != null ? text.toString() : single != null ? single : "";
    }

    // ---- Mapping (OaiDcMapper) -------------------------------------------------------------------------------

    private static void map(Rec rec, List<String> titles, Map<String, List<String>> dc) {
        rec.title = titles.get(0);
        for (int i = 1; i < titles.size(); i++) {
            if (!titles.get(i).equalsIgnoreCase(rec.title)) {
                addDistinct(rec.alternativeTitles, titles.get(i));
            }
        }
        for (String key : new String[] {"creator", "contributor"}) {
            for (String name : dc.getOrDefault(key, List.of())) {
                for (String part : splitNames(name)) {
                    addDistinct(rec.authors, part);
                }
            }
        }
        for (String subject : dc.getOrDefault("subject", List.of())) {
            for (String part : splitNames(subject)) {
                addDistinct(rec.keywords, part);
            }
        }
        String longest = null;
        for (String description : dc.getOrDefault("description", List.of())) {
            if (longest == null || description.length() > longest.length()) {
                longest = description;
            }
        }
        rec.abstractText = longest;
        for (String date : dc.getOrDefault("date", List.of())) {
            Integer year = year(date);
            if (year != null) {
                rec.year = year;
                break;
            }
        }
        rec.type = recordType(dc.getOrDefault("type", List.of()));
        for (String language : dc.getOrDefault("language", List.of())) {
            String code = languageCode(language);
            if (code != null) {
                rec.language = code;
                break;
            }
        }
        rec.publisher = first(dc, "publisher");
        rec.sourceTitle = first(dc, "source");
        if (rec.sourceTitle != null) {
            Matcher m = CITATION.matcher(normalize(rec.sourceTitle, true));
            if (m.find()) {
                rec.volume = m.group(1);
                rec.issue = m.group(2);
                rec.firstPage = m.group(3);
            }
        }
        for (String identifier : dc.getOrDefault("identifier", List.of())) {
            addIdentifier(rec, identifier);
        }
    }

    private static String first(Map<String, List<String>> dc, String name) {
        List<String> values = dc.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static void addDistinct(List<String> list, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        for (String existing : list) {
            if (existing.equalsIgnoreCase(value)) {
                return;
            }
        }
        list.add(value);
    }

    /** ；; 、 | ，always separate; an ASCII comma only in text without Latin letters. */
    static List<String> splitNames(String value) {
        String text = normalize(value, false);
        List<String> parts = new ArrayList<>();
        if (text.isEmpty()) {
            return parts;
        }
        boolean latin = false;
        for (int i = 0; i < text.length() && !latin; i++) {
            char c = text.charAt(i);
            latin = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '\u00C0' && c <= '\u024F' && Character.isLetter(c));
        }
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ';';
            boolean separator = c == '\uFF1B' || c == ';' || c == '\u3001' || c == '|' || c == '\uFF0C' || (!latin && c == ',');
            if (separator) {
                String piece = text.substring(start, i).trim();
                if (!piece.isEmpty()) {
                    addDistinct(parts, piece);
                }
                start = i + 1;
            }
        }
        return parts;
    }

    private static final Pattern FOUR_DIGITS = Pattern.compile("(?<!\\d)\\d{4}(?!\\d)");

    static Integer year(String text) {
        Matcher m = FOUR_DIGITS.matcher(normalize(text, true));
        while (m.find()) {
            int year = Integer.parseInt(m.group());
            if (year >= 1000 && year <= 2100) {
                return year;
            }
        }
        return null;
    }

    private static final String[][] TYPE_RULES = {
        {"thesis", "thesis", "dissertation", "学位论文", "博士论文", "硕士论文", "学位"},
        {"conference-paper", "conference", "proceedings", "congress", "会议论文", "会议"},
        {"patent", "patent", "专利"},
        {"standard", "standard", "标准"},
        {"report", "report", "报告"},
        {"journal-article", "journal article", "article", "期刊论文", "期刊", "journal"},
        {"book", "book", "monograph", "图书", "专著", "书籍"},
    };

    static String recordType(List<String> values) {
        for (String value : values) {
            String text = normalize(value, true).toLowerCase(Locale.ROOT);
            if (text.isEmpty()) {
                continue;
            }
            for (String[] rule : TYPE_RULES) {
                for (int i = 1; i < rule.length; i++) {
                    if (text.contains(rule[i])) {
                        return rule[0];
                    }
                }
            }
        }
        return "other";
    }

    private static final Map<String, String> LANGUAGES = new HashMap<>();

    static {
        String[][] rows = {
            {"chi", "zh", "zho", "chinese", "中文", "汉语", "漢語", "中文简体", "简体中文", "繁体中文", "汉文", "cn"},
            {"eng", "en", "english", "英文", "英语", "英語"},
            {"jpn", "ja", "japanese", "日文", "日语", "日語"},
            {"kor", "ko", "korean", "韩文", "朝鲜文", "韩语"},
            {"rus", "ru", "russian", "俄文", "俄语"},
            {"ger", "de", "deu", "german", "德文", "德语"},
            {"fre", "fr", "fra", "french", "法文", "法语"},
            {"spa", "es", "spanish", "西班牙文", "西班牙语"},
            {"ita", "it", "italian", "意大利文"},
            {"por", "pt", "portuguese", "葡萄牙文"},
            {"dut", "nl", "nld", "dutch"},
            {"ara", "ar", "arabic", "阿拉伯文"},
            {"vie", "vi", "vietnamese", "越南文"},
            {"tha", "th", "thai", "泰文"},
            {"tib", "bo", "bod", "tibetan", "藏文", "藏语"},
            {"mon", "mn", "mongolian", "蒙古文", "蒙文"},
            {"uig", "ug", "uighur", "uyghur", "维吾尔文"},
            {"lat", "la", "latin", "拉丁文"},
        };
        for (String[] row : rows) {
            for (String spelling : row) {
                LANGUAGES.put(spelling, row[0]);
            }
        }
    }

    static String languageCode(String value) {
        String text = normalize(value, true).toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            return null;
        }
        String code = LANGUAGES.get(text);
        if (code != null) {
            return code;
        }
        return LANGUAGES.get(text.split("[-_ ]", 2)[0]);
    }

    private static final Pattern CITATION = Pattern.compile("(\\d{1,4})\\s*\\(\\s*(\\d{1,4})\\s*\\)\\s*:\\s*(\\d{1,6})");
    private static final Pattern DOI = Pattern.compile("^10\\.\\d{4,9}/\\S+$");
    private static final Pattern ISBN_SHAPE = Pattern.compile(
        "^(97[89][- ]?)?\\d{1,5}[- ]\\d{1,7}[- ]\\d{1,7}[- ][\\dXx](\\s|$)|^97[89]\\d{10}(\\s|$)");
    private static final Pattern ISSN_SHAPE = Pattern.compile("^\\d{4}-\\d{3}[\\dXx]$");
    private static final String[] DOI_PREFIXES = {
        "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/",
        "doi.org/", "dx.doi.org/", "info:doi/", "urn:doi:", "doi:",
    };

    private static void addIdentifier(Rec rec, String identifier) {
        boolean looksLikeDoi = identifier.contains("10.")
            && (identifier.startsWith("10.") || identifier.toLowerCase(Locale.ROOT).contains("doi"));
        if (looksLikeDoi) {
            String doi = normalizeDoi(identifier);
            if (doi != null) {
                if (rec.doi == null) {
                    rec.doi = doi;
                } else if (!rec.doi.equals(doi)) {
                    addDistinct(rec.otherIds, "doi:" + doi);
                }
                return;
            }
        }
        String lower = identifier.toLowerCase(Locale.ROOT);
        if ((lower.startsWith("http://") || lower.startsWith("https://")) && identifier.indexOf(' ') < 0) {
            String path = lower.replaceFirst("[?#].*$", "");
            rec.links.add(new String[] {identifier, path.endsWith(".pdf") ? "fulltext" : "landing"});
            return;
        }
        String folded = normalize(identifier, true);
        if (lower.startsWith("isbn") || lower.startsWith("urn:isbn:") || ISBN_SHAPE.matcher(folded).find()) {
            String isbn = normalizeIsbn(folded);
            if (isbn != null) {
                addDistinct(rec.isbn, isbn);
                return;
            }
        }
        if (lower.startsWith("issn") || lower.startsWith("urn:issn:") || ISSN_SHAPE.matcher(folded).find()) {
            String issn = normalizeIssn(folded);
            if (issn != null) {
                addDistinct(rec.issn, issn);
                return;
            }
        }
        addDistinct(rec.otherIds, identifier);
    }

    private static String normalizeDoi(String value) {
        String text = normalize(value, true);
        boolean stripped;
        do {
            stripped = false;
            for (String prefix : DOI_PREFIXES) {
                if (text.regionMatches(true, 0, prefix, 0, prefix.length())) {
                    text = text.substring(prefix.length()).trim();
                    stripped = true;
                }
            }
        } while (stripped);
        if (text.toUpperCase(Locale.ROOT).contains("%2F")) {
            try {
                text = java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        text = text.toLowerCase(Locale.ROOT);
        return DOI.matcher(text).matches() ? text : null;
    }

    /** Digits and X of the leading number after a label, or null when longer than max. */
    private static String compactNumber(String text, String label, int max) {
        if (text.regionMatches(true, 0, "urn:", 0, 4)) {
            text = text.substring(4);
        }
        if (text.regionMatches(true, 0, label, 0, label.length())) {
            text = text.substring(label.length());
            if (text.startsWith("-13") || text.startsWith("-10")) {
                text = text.substring(3);
            }
            text = text.replaceFirst("^[ :]+", "");
        }
        StringBuilder digits = new StringBuilder(max);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9') || c == 'X' || c == 'x') {
                digits.append(Character.toUpperCase(c));
            } else if (c != '-' && c != ' ') {
                break;
            }
            if (digits.length() > max) {
                return null;
            }
        }
        return digits.length() == 0 ? null : digits.toString();
    }

    private static String normalizeIsbn(String text) {
        String c = compactNumber(text, "ISBN", 13);
        if (c == null) {
            return null;
        }
        if (c.length() == 10) {
            if (c.substring(0, 9).indexOf('X') >= 0) {
                return null;
            }
            int sum = 0;
            for (int i = 0; i < 10; i++) {
                sum += (c.charAt(i) == 'X' ? 10 : c.charAt(i) - '0') * (10 - i);
            }
            if (sum % 11 != 0) {
                return null;
            }
            String body = "978" + c.substring(0, 9);
            return body + isbn13Check(body);
        }
        if (c.length() == 13 && (c.startsWith("978") || c.startsWith("979")) && c.indexOf('X') < 0
            && isbn13Check(c.substring(0, 12)) == c.charAt(12)) {
            return c;
        }
        return null;
    }

    private static char isbn13Check(String first12) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (first12.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return (char) ('0' + ((10 - (sum % 10)) % 10));
    }

    private static String normalizeIssn(String text) {
        String c = compactNumber(text, "ISSN", 8);
        if (c == null || c.length() != 8 || c.substring(0, 7).indexOf('X') >= 0) {
            return null;
        }
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += (c.charAt(i) - '0') * (8 - i);
        }
        int check = (11 - (sum % 11)) % 11;
        char expected = check == 10 ? 'X' : (char) ('0' + check);
        return c.charAt(7) == expected ? c.substring(0, 4) + "-" + c.substring(4) : null;
    }

    // ---- Text cleaning (TextNormalizer) ------------------------------------------------------------------------

    private static final String CJK_SENTENCE_PUNCTUATION = "，；：！？（）";

    /**
     * Full-width ASCII to half-width (but for ，；：！？（） unless {@code all}), U+3000 to a space, control and
     * zero-width characters dropped, whitespace runs to one space, trimmed, NFC.
     */
    static String normalize(String text, boolean all) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder builder = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u3000') {
                c = ' ';
            } else if (c >= '\uFF01' && c <= '\uFF5E' && (all || CJK_SENTENCE_PUNCTUATION.indexOf(c) < 0)) {
                c = (char) (c - 0xFEE0);
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = builder.length() > 0;
                continue;
            }
            if (Character.isISOControl(c) || c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF'
                || (Character.getType(c) == Character.FORMAT && c != '\u200E' && c != '\u200F')) {
                continue;
            }
            if (pendingSpace) {
                builder.append(' ');
                pendingSpace = false;
            }
            builder.append(c);
        }
        String result = builder.toString();
        return Normalizer.isNormalized(result, Normalizer.Form.NFC) ? result : Normalizer.normalize(result, Normalizer.Form.NFC);
    }

    // ---- Ids and JSON ------------------------------------------------------------------------------------------

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** "r" + the first 10 bytes, hex, of SHA-256(source U+001F external id), as the engine's RecordIds. */
    static String recordId(String sourceId, String externalId) {
        byte[] hash = SHA256.get().digest((sourceId + "\u001f" + externalId).getBytes(StandardCharsets.UTF_8));
        StringBuilder id = new StringBuilder(21).append('r');
        for (int i = 0; i < 10; i++) {
            id.append(Character.forDigit((hash[i] >> 4) & 0xF, 16)).append(Character.forDigit(hash[i] & 0xF, 16));
        }
        return id.toString();
    }

    /** The record as JSON, with the property names and shape of the engine's stored record_json. */
    static String toJson(Rec r) {
        StringBuilder j = new StringBuilder(512 + (r.abstractText == null ? 0 : r.abstractText.length() * 2));
        j.append('{');
        prop(j, "id", r.id).append(',');
        prop(j, "sourceId", r.sourceId).append(',');
        prop(j, "externalId", r.externalId).append(',');
        prop(j, "type", r.type).append(',');
        prop(j, "title", r.title).append(',');
        list(j, "alternativeTitles", r.alternativeTitles).append(',');
        list(j, "authors", r.authors).append(',');
        list(j, "organizations", r.organizations).append(',');
        prop(j, "sourceTitle", r.sourceTitle).append(',');
        prop(j, "publisher", r.publisher).append(',');
        prop(j, "abstract", r.abstractText).append(',');
        list(j, "keywords", r.keywords).append(',');
        list(j, "subjects", r.subjects).append(',');
        list(j, "classifications", r.classifications).append(',');
        j.append("\"year\":").append(r.year == null ? "null" : r.year.toString()).append(',');
        prop(j, "language", r.language).append(',');
        j.append("\"identifiers\":{");
        prop(j, "doi", r.doi).append(',');
        list(j, "isbn", r.isbn).append(',');
        list(j, "issn", r.issn).append(',');
        list(j, "patentNumbers", r.patentNumbers).append(',');
        list(j, "standardNumbers", r.standardNumbers).append(',');
        list(j, "other", r.otherIds).append("},");
        j.append("\"links\":[");
        for (int i = 0; i < r.links.size(); i++) {
            j.append(i == 0 ? "{" : ",{");
            prop(j, "url", r.links.get(i)[0]).append(',');
            prop(j, "kind", r.links.get(i)[1]).append('}');
        }
        j.append("],");
        prop(j, "datestamp", r.datestamp == null ? null : r.datestamp.replace("Z", "+00:00")).append(',');
        list(j, "sets", r.sets).append(',');
        prop(j, "volume", r.volume).append(',');
        prop(j, "issue", r.issue).append(',');
        prop(j, "firstPage", r.firstPage).append(',');
        j.append("\"holdings\":[]}");
        return j.toString();
    }

    private static StringBuilder prop(StringBuilder j, String name, String value) {
        j.append('"').append(name).append("\":");
        return value == null ? j.append("null") : string(j, value);
    }

    private static StringBuilder list(StringBuilder j, String name, List<String> values) {
        j.append('"').append(name).append("\":[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                j.append(',');
            }
            string(j, values.get(i));
        }
        return j.append(']');
    }

    /** A JSON string; like System.Text.Json's default encoder, non-ASCII is written as \\uXXXX escapes. */
    static StringBuilder string(StringBuilder j, String s) {
        j.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                j.append("\\\"");
            } else if (c == '\\') {
                j.append("\\\\");
            } else if (c == '\n') {
                j.append("\\n");
            } else if (c == '\r') {
                j.append("\\r");
            } else if (c == '\t') {
                j.append("\\t");
            } else if (c < 0x20 || c > 0x7E || c == '<' || c == '>' || c == '&' || c == '\'' || c == '+') {
                j.append("\\u");
                String hex = Integer.toHexString(c).toUpperCase(Locale.ROOT);
                for (int k = hex.length(); k < 4; k++) {
                    j.append('0');
                }
                j.append(hex);
            } else {
                j.append(c);
            }
        }
        return j.append('"');
    }
}

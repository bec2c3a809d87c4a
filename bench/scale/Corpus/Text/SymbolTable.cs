namespace Search.Bench.Corpus.Text;

internal enum SymbolKind
{
    Start,
    End,
    Content,
    Number,
    Punct,
    Word,
}

/// <summary>Punctuation by role, so that one record is written consistently in full- or half-width forms.</summary>
internal enum PunctClass
{
    None,
    Comma,
    Period,
    Semicolon,
    Colon,
    Enumeration,
    Open,
    Close,
    Quote,
    Other,
}

/// <summary>
/// The alphabet of the sequence models: sentence start and end, the content slot (filled from the topic
/// lexicons), number shapes (filled with fresh digits), punctuation roles and the structural words kept literally.
/// </summary>
internal sealed class SymbolTable
{
    public const int Start = 0;
    public const int End = 1;
    public const int Content = 2;

    private readonly List<string> _texts = [];
    private readonly List<SymbolKind> _kinds = [];
    private readonly List<PunctClass> _punct = [];
    private readonly Dictionary<(SymbolKind, string), int> _ids = [];
    private string[] _frozenTexts = [];
    private SymbolKind[] _frozenKinds = [];
    private PunctClass[] _frozenPunct = [];

    public SymbolTable()
    {
        Intern(SymbolKind.Start, "<s>");
        Intern(SymbolKind.End, "</s>");
        Intern(SymbolKind.Content, "<c>");
    }

    public int Count => _texts.Count;

    public string Text(int id) => id < _frozenTexts.Length ? _frozenTexts[id] : _texts[id];

    public SymbolKind Kind(int id) => id < _frozenKinds.Length ? _frozenKinds[id] : _kinds[id];

    public PunctClass Punct(int id) => id < _frozenPunct.Length ? _frozenPunct[id] : _punct[id];

    /// <summary>Copies the table into arrays once training has added every symbol (cheaper lookups).</summary>
    public void Freeze()
    {
        _frozenTexts = [.. _texts];
        _frozenKinds = [.. _kinds];
        _frozenPunct = [.. _punct];
    }

    public int Intern(SymbolKind kind, string text, PunctClass punct = PunctClass.None)
    {
        if (_ids.TryGetValue((kind, text), out var id))
        {
            return id;
        }

        id = _texts.Count;
        _texts.Add(text);
        _kinds.Add(kind);
        _punct.Add(punct);
        _ids[(kind, text)] = id;
        return id;
    }

    public int Word(string text) => Intern(SymbolKind.Word, text);

    /// <summary>A number's shape: digits as 9, years (19xx, 20xx) as YYYY, the rest kept ("0.05" -> "9.99").</summary>
    public int Number(string text)
    {
        var shape = text.Length == 4 && (text.StartsWith("19", StringComparison.Ordinal) || text.StartsWith("20", StringComparison.Ordinal))
            ? "YYYY"
            : new string([.. text.Select(c => char.IsAsciiDigit(c) ? '9' : c)]);
        return Intern(SymbolKind.Number, shape);
    }

    public int Punctuation(char c)
    {
        var role = c switch
        {
            ',' or '，' => PunctClass.Comma,
            '.' or '。' => PunctClass.Period,
            ';' or '；' => PunctClass.Semicolon,
            ':' or '：' => PunctClass.Colon,
            '、' => PunctClass.Enumeration,
            '(' or '（' or '[' or '［' => PunctClass.Open,
            ')' or '）' or ']' or '］' => PunctClass.Close,
            '"' or '“' or '”' or '‘' or '’' or '\'' => PunctClass.Quote,
            _ => PunctClass.Other,
        };
        return Intern(SymbolKind.Punct, role == PunctClass.Other ? c.ToString() : role.ToString(), role);
    }
}

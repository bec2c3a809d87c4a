using System.Text;
using Search.Bench.Corpus.Randomness;

namespace Search.Bench.Corpus.Text;

/// <summary>
/// A character trigram model of words: it writes new words that look like the training words (new compounds of
/// familiar morphemes, new acronyms and formula-like codes), the source of the open vocabulary.
/// </summary>
internal sealed class CharModel
{
    private const char Begin = '\u0002';
    private const char Finish = '\u0003';

    private readonly Dictionary<int, Slice> _table;
    private readonly SuccessorArena _arena;

    private CharModel(Dictionary<int, Slice> table, SuccessorArena arena, int words)
    {
        _table = table;
        _arena = arena;
        Words = words;
    }

    public int Words { get; }

    public bool IsEmpty => _table.Count == 0;

    public static CharModel Train(IEnumerable<string> words)
    {
        var counts = new SuccessorCounts<int>();
        var n = 0;
        foreach (var word in words.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            n++;
            char a = Begin, b = Begin;
            foreach (var c in word.Append(Finish))
            {
                counts.Add(Key(a, b), c);
                (a, b) = (b, c);
            }
        }

        var arena = new SuccessorArena();
        var table = new Dictionary<int, Slice>();
        foreach (var (context, row) in counts.Counts.OrderBy(kv => kv.Key))
        {
            table[context] = arena.Add(row);
        }

        arena.Freeze();
        return new CharModel(table, arena, n);
    }

    /// <summary>A word of minLength..maxLength characters; the model's own length when it ends in range.</summary>
    public string Generate(Rng rng, int minLength, int maxLength)
    {
        var sb = new StringBuilder(maxLength);
        for (var attempt = 0; attempt < 8; attempt++)
        {
            sb.Clear();
            char a = Begin, b = Begin;
            while (sb.Length < maxLength && _table.TryGetValue(Key(a, b), out var next))
            {
                var c = (char)_arena.Pick(rng, next);
                if (c == Finish)
                {
                    break;
                }

                sb.Append(c);
                (a, b) = (b, c);
            }

            if (sb.Length >= minLength)
            {
                break;
            }
        }

        return sb.ToString();
    }

    private static int Key(char a, char b) => (a << 16) | b;
}

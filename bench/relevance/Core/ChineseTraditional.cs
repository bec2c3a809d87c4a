using System.Text;

namespace Search.Bench.Relevance;

/// <summary>Simplified -> traditional with the OpenCC STPhrases and STCharacters tables (longest match first, first candidate).</summary>
public sealed class ChineseTraditional
{
    private readonly Dictionary<string, string> _map = new(StringComparer.Ordinal);
    private readonly int _longest;

    public ChineseTraditional(string dataDirectory)
    {
        foreach (var file in (string[])["STCharacters.txt", "STPhrases.txt"])
        {
            foreach (var line in File.ReadLines(Path.Combine(dataDirectory, file)))
            {
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var parts = line.Split('\t');
                if (parts.Length == 2)
                {
                    _map[parts[0]] = parts[1].Split(' ')[0];
                }
            }
        }

        _longest = _map.Keys.Max(k => k.Length);
    }

    public string Convert(string text)
    {
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var matched = false;
            for (var length = Math.Min(_longest, text.Length - i); length > 0; length--)
            {
                if (_map.TryGetValue(text.Substring(i, length), out var value))
                {
                    result.Append(value);
                    i += length;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                result.Append(text[i]);
                i++;
            }
        }

        return result.ToString();
    }
}

using System.Text;

namespace Search.Connectors.Csv;

/// <summary>One row of a CSV/TSV file: its cells, or why it could not be read, and the line it starts on.</summary>
/// <param name="Line">The 1-based line number the row starts on.</param>
/// <param name="Cells">The cells, unquoted; empty when the row is broken.</param>
/// <param name="Error">Why the row could not be read, or null.</param>
/// <param name="Raw">The row's text as in the file.</param>
public sealed record CsvRow(int Line, IReadOnlyList<string> Cells, string? Error, string Raw);

/// <summary>
/// Reads RFC 4180 CSV (or another one-character delimiter): fields in double quotes may hold delimiters,
/// doubled quotes and line breaks. A row with bad quoting (text after a closing quote, a quote left open) is
/// returned with its error and the reader goes on with the next line, so one bad row never loses the rest.
/// A quote inside an unquoted cell is kept as a character, as spreadsheet programs write it.
/// </summary>
public static class CsvParser
{
    /// <summary>Cuts the text into rows. Blank lines are skipped.</summary>
    public static IEnumerable<CsvRow> Parse(string text, char delimiter)
    {
        ArgumentNullException.ThrowIfNull(text);
        var position = 0;
        var line = 1;
        while (position < text.Length)
        {
            var start = position;
            var startLine = line;
            var row = ReadRow(text, ref position, ref line, delimiter, out var error);
            if (error is not null)
            {
                // Start again on the line after the row's first line: what follows an unclosed quote is kept.
                var endOfFirstLine = text.IndexOf('\n', start);
                position = endOfFirstLine < 0 ? text.Length : endOfFirstLine + 1;
                line = startLine + 1;
                var raw = text[start..(endOfFirstLine < 0 ? text.Length : endOfFirstLine)].TrimEnd('\r');
                yield return new CsvRow(startLine, [], error, raw);
                continue;
            }

            if (row.Count == 1 && row[0].Length == 0)
            {
                continue;
            }

            yield return new CsvRow(startLine, row, null, text[start..position].TrimEnd('\r', '\n'));
        }
    }

    private static List<string> ReadRow(string text, ref int position, ref int line, char delimiter, out string? error)
    {
        error = null;
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var afterClosingQuote = false;
        var cellStart = true;
        while (position < text.Length)
        {
            var c = text[position++];
            if (quoted)
            {
                if (c == '"')
                {
                    if (position < text.Length && text[position] == '"')
                    {
                        cell.Append('"');
                        position++;
                    }
                    else
                    {
                        quoted = false;
                        afterClosingQuote = true;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    cell.Append(c);
                }

                continue;
            }

            if (c == delimiter)
            {
                cells.Add(cell.ToString());
                cell.Clear();
                cellStart = true;
                afterClosingQuote = false;
                continue;
            }

            if (c is '\n' or '\r')
            {
                if (c == '\r' && position < text.Length && text[position] == '\n')
                {
                    position++;
                }

                line++;
                cells.Add(cell.ToString());
                return cells;
            }

            if (afterClosingQuote)
            {
                error = $"text after a closing quote in cell {cells.Count + 1}";
                return cells;
            }

            if (c == '"' && cellStart)
            {
                quoted = true;
                cellStart = false;
                continue;
            }

            // A quote inside an unquoted cell (常见于 TSV exports: 集成了"以螨治螨"措施) is taken as a character.

            cellStart = false;
            cell.Append(c);
        }

        if (quoted)
        {
            error = $"the quote opened in cell {cells.Count + 1} is never closed";
            return cells;
        }

        cells.Add(cell.ToString());
        return cells;
    }
}

using System.Globalization;
using System.Text.Json;

namespace Search.Connectors.JsonApi;

/// <summary>
/// The small path language of the JSON connector's settings: property names separated by dots, <c>[*]</c> for
/// every item of an array, <c>[n]</c> for one item, an optional leading <c>$</c> or <c>$.</c>:
/// <c>data.items</c>, <c>$.authors[*].name</c>, <c>ids[0]</c>. An array met without <c>[*]</c> is walked
/// into as well, so <c>authors.name</c> means the same as <c>authors[*].name</c>.
/// </summary>
public static class JsonPaths
{
    /// <summary>Checks a path's syntax; returns null when it is usable, else why not.</summary>
    public static string? Check(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "a path must not be empty";
        }

        try
        {
            _ = Parse(path);
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Every value the path reaches, in document order; nothing when it reaches nothing.</summary>
    public static IEnumerable<JsonElement> Select(JsonElement root, string path)
    {
        IEnumerable<JsonElement> current = [root];
        foreach (var step in Parse(path))
        {
            current = current.SelectMany(e => Apply(e, step)).ToList();
        }

        return current.SelectMany(Flatten);
    }

    /// <summary>The first value the path reaches as text (strings as they are, numbers and booleans as JSON), or null.</summary>
    public static string? SelectText(JsonElement root, string path) => SelectTexts(root, path).FirstOrDefault();

    /// <summary>Every scalar the path reaches as text; objects are left out, empty strings too.</summary>
    public static IEnumerable<string> SelectTexts(JsonElement root, string path) =>
        Select(root, path).Select(AsText).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!);

    /// <summary>A scalar as text: strings as they are, numbers and booleans as written; null for objects and null.</summary>
    public static string? AsText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => null,
    };

    private static IEnumerable<JsonElement> Flatten(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : [element];

    private static List<JsonElement> Apply(JsonElement element, Step step)
    {
        if (step.Name is { } name)
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child))
            {
                return [child];
            }

            if (element.ValueKind == JsonValueKind.Array)
            {
                return element.EnumerateArray()
                    .Where(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty(name, out _))
                    .Select(i => i.GetProperty(name))
                    .ToList();
            }

            return [];
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        if (step.Index is { } index)
        {
            return index < element.GetArrayLength() ? [element[index]] : [];
        }

        return element.EnumerateArray().ToList();
    }

    private sealed record Step(string? Name, int? Index);

    private static List<Step> Parse(string path)
    {
        var text = path.Trim();
        if (text.StartsWith('$'))
        {
            text = text[1..].TrimStart('.');
        }

        var steps = new List<Step>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                i++;
                continue;
            }

            if (text[i] == '[')
            {
                var end = text.IndexOf(']', i);
                if (end < 0)
                {
                    throw new FormatException($"'{path}' has a '[' without ']'");
                }

                var inside = text[(i + 1)..end].Trim();
                if (inside == "*")
                {
                    steps.Add(new Step(null, null));
                }
                else if (int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    steps.Add(new Step(null, index));
                }
                else if (inside.Length >= 2 && (inside[0] is '\'' or '"') && inside[^1] == inside[0])
                {
                    steps.Add(new Step(inside[1..^1], null));
                }
                else
                {
                    throw new FormatException($"'{path}' has '[{inside}]': use [*], a number, or a quoted name");
                }

                i = end + 1;
                continue;
            }

            var stop = text.IndexOfAny(['.', '['], i);
            var name = stop < 0 ? text[i..] : text[i..stop];
            steps.Add(new Step(name, null));
            i = stop < 0 ? text.Length : stop;
        }

        return steps;
    }
}

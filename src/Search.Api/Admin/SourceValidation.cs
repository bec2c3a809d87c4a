using System.Text.Json;
using System.Text.RegularExpressions;
using Quartz;
using Search.Connectors.Harvesting;

namespace Search.Api.Admin;

/// <summary>Checks a source definition before it is stored, so that a harvest never starts on nonsense.</summary>
public static partial class SourceValidation
{
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex IdPattern();

    /// <summary>The largest settings object stored (it comes back in every source listing).</summary>
    public const int MaxSettingsCharacters = 64 * 1024;

    public static IReadOnlyList<string> Validate(
        string id,
        string? name,
        string? connector,
        JsonElement? settings,
        string? schedule,
        ConnectorRegistry connectors,
        string? scheduleTimeZone = null)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        var problems = new List<string>();
        if (!IdPattern().IsMatch(id ?? ""))
        {
            problems.Add("id: use 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit.");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add("name: required.");
        }

        IConnector? found = null;
        if (string.IsNullOrWhiteSpace(connector))
        {
            problems.Add($"connector: required, one of {string.Join(", ", connectors.Kinds)}.");
        }
        else if ((found = connectors.Find(connector)) is null)
        {
            problems.Add($"connector: unknown kind '{connector}', expected one of {string.Join(", ", connectors.Kinds)}.");
        }

        if (settings is not { ValueKind: JsonValueKind.Object } settingsObject)
        {
            problems.Add("settings: required, a JSON object.");
        }
        else if (settingsObject.GetRawText().Length > MaxSettingsCharacters)
        {
            problems.Add($"settings: at most {MaxSettingsCharacters:N0} characters of JSON; these have {settingsObject.GetRawText().Length:N0}.");
        }
        else if (found is not null)
        {
            if (found.SettingNames is { } known)
            {
                problems.AddRange(settingsObject.EnumerateObject()
                    .Where(p => !known.Contains(p.Name))
                    .Select(p => $"settings: '{(p.Name.Length > 64 ? p.Name[..64] + "…" : p.Name)}' is not a setting of the {found.Kind} connector (it reads {string.Join(", ", known)})."));
            }

            problems.AddRange(found.ValidateSettings(settingsObject).Select(p => "settings: " + p));
        }

        if (schedule is not null && !IsCron(schedule))
        {
            problems.Add($"schedule: '{schedule}' is not a Quartz cron expression (e.g. \"0 0 2 * * ?\" for 02:00 every day).");
        }

        if (scheduleTimeZone is not null && !Hosting.ScheduleTimeZones.TryFind(scheduleTimeZone, out _))
        {
            problems.Add($"scheduleTimeZone: '{(scheduleTimeZone.Length > 64 ? scheduleTimeZone[..64] + "…" : scheduleTimeZone)}' is not a known time zone; use an IANA id such as \"Asia/Shanghai\" or \"UTC\", or null for the default.");
        }

        return problems;
    }

    private static bool IsCron(string schedule)
    {
        try
        {
            _ = new CronExpression(schedule);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

namespace Search.Api.Entitlement;

/// <summary>A group customer recognised by its address ranges; <see cref="Parent"/> names its consortium.</summary>
public sealed record Institution(string Id, string Name, string? Parent, IReadOnlyList<string> IpRanges);

/// <summary>A database package (包库): the sources a subscription opens.</summary>
public sealed record Package(string Id, string Name, IReadOnlyList<string> Sources);

/// <summary>A personal account; it grants nothing outside its validity period or when disabled.</summary>
public sealed record Account(string Id, string PasswordHash, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo, bool Disabled)
{
    public bool IsValidAt(DateTimeOffset now) =>
        !Disabled && (ValidFrom is null || ValidFrom <= now) && (ValidTo is null || now <= ValidTo);
}

/// <summary>An institution's or an account's subscription to a package, from <see cref="Start"/> to <see cref="End"/> inclusive.</summary>
public sealed record Subscription(string Id, string? Institution, string? Account, string Package, DateTimeOffset Start, DateTimeOffset End, int? Seats)
{
    public bool IsCurrentAt(DateTimeOffset now) => Start <= now && now <= End;
}

/// <summary>A librarian of one institution: sees that institution's (and its members') usage reports only.</summary>
public sealed record InstitutionLibrarian(string User, string Institution);

using System.ComponentModel.DataAnnotations;
using System.Reflection;
using F23.StringSimilarity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Worker.Hosting;

/// <summary>
/// Checks configuration before anything starts (so a bad value creates no folder and logs no stack trace): one line
/// per problem naming the key as written in configuration ("Embeddings:BatchSize must be between 1 and 128 (given: 0)."),
/// and a warning for each key of our sections that no option reads, with the nearest known key.
/// </summary>
public static class ConfigurationCheck
{
    private const string AnnotationFailurePrefix = "DataAnnotation validation failed";

    private static readonly Levenshtein Levenshtein = new();

    /// <summary>Runs every <c>ValidateOnStart</c> validation of the built host; empty when all pass.</summary>
    public static IReadOnlyList<string> Problems(IServiceProvider services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException or InvalidOperationException)
        {
            var failures = ex is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [ex];
            return failures.SelectMany(f => Describe(f, configuration)).Distinct().ToList();
        }
    }

    /// <summary>"Unknown configuration key Storage:Provder (did you mean Storage:Provider?)", one per unknown key.</summary>
    public static IReadOnlyList<string> UnknownKeys(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var warnings = new List<string>();
        var sections = OptionsCatalog.All.Select(o => o.Section).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (section, type) in OptionsCatalog.All)
        {
            CheckSection(configuration.GetSection(section), type, warnings, sections);
        }

        return warnings;
    }

    private static IEnumerable<string> Describe(Exception failure, IConfiguration configuration)
    {
        if (failure is not OptionsValidationException validation)
        {
            return [failure.Message];
        }

        var lines = validation.Failures.Where(f => !f.StartsWith(AnnotationFailurePrefix, StringComparison.Ordinal)).ToList();
        if (lines.Count < validation.Failures.Count())
        {
            lines.InsertRange(0, AnnotationProblems(validation.OptionsType, configuration));
        }

        return lines;
    }

    /// <summary>Validates the bound options again to get each failing member, and names it by its configuration key.</summary>
    private static IEnumerable<string> AnnotationProblems(Type type, IConfiguration configuration)
    {
        var section = OptionsCatalog.All.FirstOrDefault(o => o.Type == type).Section ?? type.Name;
        var options = configuration.GetSection(section).Get(type) ?? Activator.CreateInstance(type)!;
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var member = result.MemberNames.FirstOrDefault() ?? string.Empty;
            var written = configuration.GetSection(section).GetChildren().FirstOrDefault(c => string.Equals(c.Key, member, StringComparison.OrdinalIgnoreCase));
            var key = written?.Path ?? $"{section}:{member}";
            var message = (result.ErrorMessage ?? "is not valid")
                .Replace($"The field {member} ", key + " ", StringComparison.Ordinal)
                .Replace($"The {member} field ", key + " ", StringComparison.Ordinal)
                .Replace($"{section}:{member}", key, StringComparison.OrdinalIgnoreCase);
            if (!message.Contains(key, StringComparison.Ordinal))
            {
                message = key + ": " + message;
            }

            yield return written?.Value is { } value && !IsSecret(member) ? $"{message.TrimEnd('.')} (given: {value})." : message;
        }
    }

    private static bool IsSecret(string member) =>
        member.Contains("Token", StringComparison.OrdinalIgnoreCase) || member.Contains("Secret", StringComparison.OrdinalIgnoreCase)
        || member.Contains("Key", StringComparison.OrdinalIgnoreCase) || member.Contains("Connection", StringComparison.OrdinalIgnoreCase);

    /// <param name="sections">Sections of their own (Health:StatusPage inside Health): checked on their own, not as unknown keys.</param>
    private static void CheckSection(IConfigurationSection section, Type type, List<string> warnings, IReadOnlySet<string> sections)
    {
        var keys = OptionsCatalog.Keys(type);
        foreach (var child in section.GetChildren().Where(c => !sections.Contains(c.Path)))
        {
            var property = keys.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                var nearest = Nearest(child.Key, keys);
                warnings.Add($"Unknown configuration key {child.Path}" + (nearest is null ? " (no option reads it)." : $" (did you mean {section.Path}:{nearest}?)"));
            }
            else if (OptionsCatalog.DictionaryValueType(property.PropertyType) is { } value && OptionsCatalog.IsSection(value))
            {
                foreach (var named in child.GetChildren())
                {
                    CheckSection(named, value, warnings, sections);
                }
            }
            else if (OptionsCatalog.ElementType(property.PropertyType) is not null && !string.IsNullOrEmpty(child.Value))
            {
                warnings.Add($"{child.Path} is a list, so the single value is ignored: give each item as {child.Path}:0, {child.Path}:1 … (environment variables {child.Path.Replace(":", "__", StringComparison.Ordinal)}__0 …).");
            }
            else if (OptionsCatalog.ElementType(property.PropertyType) is { } element && OptionsCatalog.IsSection(element))
            {
                foreach (var item in child.GetChildren())
                {
                    CheckSection(item, element, warnings, sections);
                }
            }
            else if (OptionsCatalog.IsSection(property.PropertyType))
            {
                CheckSection(child, property.PropertyType, warnings, sections);
            }
        }
    }

    private static string? Nearest(string key, IReadOnlyList<PropertyInfo> keys) =>
        keys.Select(p => (p.Name, Distance: Distance(key.ToLowerInvariant(), p.Name.ToLowerInvariant())))
            .Where(x => x.Distance <= Math.Max(2, key.Length / 3))
            .OrderBy(x => x.Distance)
            .Select(x => x.Name)
            .FirstOrDefault();

    /// <summary>Levenshtein distance (insertions, deletions, substitutions).</summary>
    private static int Distance(string a, string b) => (int)Levenshtein.Distance(a, b);
}

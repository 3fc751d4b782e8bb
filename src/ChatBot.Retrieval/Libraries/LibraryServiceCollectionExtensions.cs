using ChatBot.Core.Libraries;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Libraries;

public static class LibraryServiceCollectionExtensions
{
    /// <summary>The <c>Libraries</c> section, validated at start (a bad name or a place mapped twice stops the bot), and the <see cref="LibraryMap"/>.</summary>
    public static IServiceCollection AddLibraries(this IServiceCollection services)
    {
        services.AddOptions<LibraryOptions>().BindConfiguration(LibraryOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LibraryOptions>, LibraryOptionsValidator>());
        services.TryAddSingleton(sp => new LibraryMap(sp.GetRequiredService<IOptions<LibraryOptions>>().Value));
        return services;
    }

    private sealed class LibraryOptionsValidator : IValidateOptions<LibraryOptions>
    {
        public ValidateOptionsResult Validate(string? name, LibraryOptions options)
        {
            var failures = LibraryMap.Validate(options);
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}

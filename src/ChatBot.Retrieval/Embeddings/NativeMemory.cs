using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace ChatBot.Retrieval.Embeddings;

/// <summary>glibc's <c>malloc_trim</c>: returns the free pages of the native heap (ONNX Runtime's, once its session is gone) to the system.</summary>
internal static class NativeMemory
{
    [SupportedOSPlatform("linux")]
    public static void Trim()
    {
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (e.g. musl): nothing to trim with; the memory is still freed to the allocator.
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}

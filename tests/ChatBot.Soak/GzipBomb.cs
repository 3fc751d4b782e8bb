using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace ChatBot.Soak;

/// <summary>
/// A real gzip bomb: an HTML page of <see cref="ExpandedBytes"/> (10 GiB) of spaces, about 10 MB of gzip, streamed with
/// no Content-Length. Deflate's ratio tops out near 1000:1, so it is built from one segment of compressed data (1 MiB of
/// spaces, byte-aligned by a sync flush, referring only to the spaces before it) written again and again: nothing is
/// compressed per request, and the server sends only what the client reads before it stops.
/// </summary>
public static class GzipBomb
{
    public const long ExpandedBytes = 10L * 1024 * 1024 * 1024;
    private const int SegmentBytes = 1024 * 1024;

    private static readonly Lazy<(byte[] Head, byte[] Segment)> Parts = new(Build);

    /// <summary>The compressed size of the whole body (head and segments; the client never reads that far).</summary>
    public static long CompressedBytes => Parts.Value.Head.Length + (ExpandedBytes / SegmentBytes * Parts.Value.Segment.Length);

    public static async Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (head, segment) = Parts.Value;
        context.Response.Headers.ContentEncoding = "gzip";
        context.Response.ContentType = "text/html";
        try
        {
            var writer = context.Response.BodyWriter;
            var result = await writer.WriteAsync(head, context.RequestAborted);
            for (long expanded = SegmentBytes; expanded < ExpandedBytes && !result.IsCompleted && !result.IsCanceled; expanded += SegmentBytes)
            {
                result = await writer.WriteAsync(segment, context.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client stopped reading at its cap.
        }
    }

    /// <summary>The gzip header with the page's start and its first MiB of spaces, and the segment that adds one more MiB.</summary>
    private static (byte[] Head, byte[] Segment) Build()
    {
        var spaces = new byte[SegmentBytes];
        Array.Fill(spaces, (byte)' ');
        using var raw = new MemoryStream();
        raw.Write([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]); // gzip: deflate, no name, no time, unknown OS
        using var deflate = new DeflateStream(raw, CompressionLevel.SmallestSize, leaveOpen: true);
        deflate.Write("<!DOCTYPE html><html><body><p>"u8);
        deflate.Write(spaces);
        deflate.Flush(); // sync flush: what follows starts on a byte boundary
        var headLength = (int)raw.Length;
        deflate.Write(spaces);
        deflate.Flush();
        var bytes = raw.ToArray();
        return (bytes[..headLength], bytes[headLength..]);
    }
}

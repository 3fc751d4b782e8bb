using System.Globalization;
using System.Net;
using System.Text;

namespace ChatBot.Retrieval.Ingestion.Feeds;

/// <summary>
/// A streaming filter in front of the XML reader that mends what real feeds get wrong, so their items can be read:
/// characters XML forbids (stray control characters, U+FFFE) are dropped; a bare <c>&amp;</c> becomes <c>&amp;amp;</c>;
/// an HTML entity (<c>&amp;nbsp;</c>, <c>&amp;eacute;</c>, which a DOCTYPE would have declared) becomes its character
/// reference; an unknown entity stays as literal text; a <c>&lt;</c> that cannot start markup becomes <c>&amp;lt;</c>.
/// CDATA sections and comments pass through untouched (but for forbidden characters). Nothing is expanded beyond one
/// character reference per entity, and it never holds more than one block of the input.
/// </summary>
internal sealed class LenientXmlTextReader(TextReader inner) : TextReader
{
    private const int BlockSize = 16 * 1024;
    private const int MaxEntityName = 32;

    private static readonly (string Opener, State State)[] Openers = [("<![CDATA[", State.CData), ("<!--", State.Comment)];

    private readonly char[] _block = new char[BlockSize];
    private readonly StringBuilder _pending = new();
    private readonly StringBuilder _output = new();
    private int _outputStart;
    private bool _innerDone;
    private State _state;

    /// <summary>How many characters were dropped or escaped: a non-zero count means the feed was not well-formed as sent.</summary>
    public int Repairs { get; private set; }

    private enum State
    {
        Markup,
        CData,
        Comment,
    }

    public override int Peek() => Fill() ? _output[_outputStart] : -1;

    public override int Read()
    {
        if (!Fill())
        {
            return -1;
        }

        return _output[_outputStart++];
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || !Fill())
        {
            return 0;
        }

        var n = Math.Min(buffer.Length, _output.Length - _outputStart);
        _output.CopyTo(_outputStart, buffer, n);
        _outputStart += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool Fill()
    {
        while (_outputStart >= _output.Length)
        {
            _output.Clear();
            _outputStart = 0;
            if (_innerDone && _pending.Length == 0)
            {
                return false;
            }

            if (!_innerDone)
            {
                var read = inner.Read(_block, 0, _block.Length);
                if (read == 0)
                {
                    _innerDone = true;
                }
                else
                {
                    _pending.Append(_block, 0, read);
                }
            }

            Process();
        }

        return true;
    }

    /// <summary>Moves what can be decided from <see cref="_pending"/> to <see cref="_output"/>; keeps an undecidable tail unless the input ended.</summary>
    private void Process()
    {
        var text = _pending.ToString();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 == text.Length && !_innerDone)
            {
                break; // the pair's second half is in the next block
            }

            if (!IsXmlChar(text, i, out var width))
            {
                Repairs++;
                i += width;
                continue;
            }

            var consumed = _state switch
            {
                State.CData => Through(text, i, "]]>"),
                State.Comment => Through(text, i, "-->"),
                _ => c switch
                {
                    '&' => Ampersand(text, i),
                    '<' => LessThan(text, i),
                    _ => Emit(text, i, width),
                },
            };
            if (consumed == 0)
            {
                break; // needs more input to decide
            }

            i += consumed;
        }

        _pending.Remove(0, i);
    }

    private int Emit(string text, int i, int width)
    {
        _output.Append(text, i, width);
        return width;
    }

    private int Through(string text, int i, string end)
    {
        if (string.CompareOrdinal(text, i, end, 0, end.Length) == 0)
        {
            _state = State.Markup;
            _output.Append(end);
            return end.Length;
        }

        if (text[i] == end[0] && text.Length - i < end.Length && !_innerDone)
        {
            return 0;
        }

        return Emit(text, i, char.IsHighSurrogate(text[i]) ? 2 : 1);
    }

    private int LessThan(string text, int i)
    {
        foreach (var (opener, state) in Openers)
        {
            var available = Math.Min(opener.Length, text.Length - i);
            if (string.CompareOrdinal(text, i, opener, 0, available) == 0)
            {
                if (available < opener.Length)
                {
                    return _innerDone ? Escape("&lt;") : 0;
                }

                _state = state;
                _output.Append(opener);
                return opener.Length;
            }
        }

        if (i + 1 >= text.Length)
        {
            return _innerDone ? Escape("&lt;") : 0;
        }

        var next = text[i + 1];
        return next is '/' or '!' or '?' || char.IsLetter(next) || next is '_' or ':' ? Emit(text, i, 1) : Escape("&lt;");
    }

    private int Ampersand(string text, int i)
    {
        var end = text.IndexOf(';', i + 1, Math.Min(MaxEntityName + 2, text.Length - i - 1));
        if (end < 0)
        {
            return text.Length - i <= MaxEntityName + 2 && !_innerDone ? 0 : Escape("&amp;");
        }

        var name = text.AsSpan(i + 1, end - i - 1);
        if (name.Length > 1 && name[0] == '#')
        {
            var hex = name[1] is 'x' or 'X';
            var digits = hex ? name[2..] : name[1..];
            var valid = int.TryParse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                && IsXmlCodePoint(code);
            if (valid)
            {
                _output.Append(text, i, end - i + 1);
            }
            else
            {
                Repairs++;
            }

            return end - i + 1;
        }

        if (!IsName(name))
        {
            return Escape("&amp;");
        }

        if (name is "amp" or "lt" or "gt" or "quot" or "apos")
        {
            _output.Append(text, i, end - i + 1);
            return end - i + 1;
        }

        Repairs++;
        var entity = text.Substring(i, end - i + 1);
        var decoded = WebUtility.HtmlDecode(entity);
        if (decoded == entity)
        {
            _output.Append("&amp;").Append(name).Append(';'); // unknown: kept as the text it was
        }
        else
        {
            foreach (var rune in decoded.EnumerateRunes())
            {
                _output.Append("&#").Append(rune.Value.ToString(CultureInfo.InvariantCulture)).Append(';');
            }
        }

        return end - i + 1;
    }

    private int Escape(string replacement)
    {
        Repairs++;
        _output.Append(replacement);
        return 1;
    }

    private static bool IsName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsXmlChar(string text, int i, out int width)
    {
        var c = text[i];
        width = 1;
        if (char.IsHighSurrogate(c))
        {
            if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                width = 2;
                return true;
            }

            return false;
        }

        return !char.IsLowSurrogate(c) && IsXmlCodePoint(c);
    }

    private static bool IsXmlCodePoint(int code) =>
        code is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);
}

using System.Diagnostics;
using System.Text;

namespace ChatBot.Soak;

/// <summary>The real worker as a child process: `dotnet ChatBot.Worker.dll &lt;verb&gt; … --Storage:DataDirectory=…`.</summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private WorkerProcess(Process process) => _process = process;

    public static string WorkerDll => Path.Combine(AppContext.BaseDirectory, "ChatBot.Worker.dll");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static WorkerProcess Start(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(WorkerDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = new Process { StartInfo = info };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Append(worker._output, e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(worker._error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>SIGKILL: no shutdown, no finally blocks, the write in flight cut off.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Waits for the exit; kills the process and returns null past the timeout.</summary>
    public async Task<int?> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            _process.WaitForExit();
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            return null;
        }
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (target)
        {
            target.AppendLine(line);
        }
    }

    public void Dispose() => _process.Dispose();
}

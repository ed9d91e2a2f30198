using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Gardefou.Server.Hosting;

/// <summary>
/// The response as the inner pipeline sees it on the upload path: status, headers and body kept here until the
/// padding middleware decides what goes on the wire. Callbacks registered for the start of the response (the
/// exception handler adds <c>Pragma</c> and <c>Expires</c> there) are held too, so nothing can change the head
/// after it was measured.
/// </summary>
internal sealed class BufferedResponse : IHttpResponseFeature
{
    private readonly List<(Func<object, Task> Callback, object State)> _onStarting = [];
    private readonly IHttpResponseFeature _real;
    private Stream _body;

    public BufferedResponse(IHttpResponseFeature real, Stream body)
    {
        _real = real;
        _body = body;
    }

    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    public string? ReasonPhrase { get; set; }

    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

    [Obsolete("Use IHttpResponseBodyFeature.Stream instead.")]
    public Stream Body { get => _body; set => _body = value; }

    public bool HasStarted => false;

    public void OnStarting(Func<object, Task> callback, object state) => _onStarting.Add((callback, state));

    public void OnCompleted(Func<object, Task> callback, object state) => _real.OnCompleted(callback, state);

    /// <summary>Runs the held start callbacks (last registered first, as the server does), then copies status and headers to the real response.</summary>
    public async Task CopyToRealAsync()
    {
        for (var i = _onStarting.Count - 1; i >= 0; i--)
        {
            await _onStarting[i].Callback(_onStarting[i].State);
        }
        _real.StatusCode = StatusCode;
        _real.ReasonPhrase = ReasonPhrase;
        foreach (var (name, values) in Headers)
        {
            _real.Headers[name] = values;
        }
    }
}

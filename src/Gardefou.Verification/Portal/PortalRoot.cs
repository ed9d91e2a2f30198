using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Gardefou.Verification.Portal;

/// <summary>Renders a portal page with the request's <see cref="PortalText"/> and path as cascading values.</summary>
internal sealed class PortalRoot : IComponent
{
    private RenderHandle _handle;

    /// <summary>The page component.</summary>
    [Parameter]
    public Type Page { get; set; } = null!;

    /// <summary>The page's parameters.</summary>
    [Parameter]
    public IDictionary<string, object?> PageParameters { get; set; } = null!;

    /// <summary>The request's language.</summary>
    [Parameter]
    public PortalText Text { get; set; } = PortalText.English;

    /// <summary>The request's path (where the language switch comes back to).</summary>
    [Parameter]
    public string Path { get; set; } = PortalEndpoints.Root;

    public void Attach(RenderHandle renderHandle) => _handle = renderHandle;

    public Task SetParametersAsync(ParameterView parameters)
    {
        parameters.SetParameterProperties(this);
        _handle.Render(Build);
        return Task.CompletedTask;
    }

    private void Build(RenderTreeBuilder builder)
    {
        builder.OpenComponent<CascadingValue<PortalText>>(0);
        builder.AddComponentParameter(1, nameof(CascadingValue<PortalText>.Value), Text);
        builder.AddComponentParameter(2, nameof(CascadingValue<PortalText>.IsFixed), true);
        builder.AddComponentParameter(3, nameof(CascadingValue<PortalText>.ChildContent), (RenderFragment)(inner =>
        {
            inner.OpenComponent<CascadingValue<string>>(0);
            inner.AddComponentParameter(1, nameof(CascadingValue<string>.Name), "PortalPath");
            inner.AddComponentParameter(2, nameof(CascadingValue<string>.Value), Path);
            inner.AddComponentParameter(3, nameof(CascadingValue<string>.IsFixed), true);
            inner.AddComponentParameter(4, nameof(CascadingValue<string>.ChildContent), (RenderFragment)(page =>
            {
                page.OpenComponent<DynamicComponent>(0);
                page.AddComponentParameter(1, nameof(DynamicComponent.Type), Page);
                page.AddComponentParameter(2, nameof(DynamicComponent.Parameters), PageParameters);
                page.CloseComponent();
            }));
            inner.CloseComponent();
        }));
        builder.CloseComponent();
    }
}

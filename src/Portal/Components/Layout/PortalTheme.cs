using MudBlazor;

namespace Platform.Portal.Components.Layout;

/// <summary>The portal's one theme, shared by the signed-in layout and the sign-in page.</summary>
public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00897b",
            Tertiary = "#6d4c41",
            AppbarBackground = "#1a237e",
            AppbarText = "#ffffff",
            Background = "#f5f6fa",
            DrawerBackground = "#ffffff",
            DrawerText = "rgba(0,0,0,0.8)",
            DrawerIcon = "#3949ab",
            TextPrimary = "rgba(0,0,0,0.87)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
            H4 = new H4Typography { FontWeight = "600", FontSize = "1.75rem" },
            H5 = new H5Typography { FontWeight = "600" },
            H6 = new H6Typography { FontWeight = "600" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", DrawerWidthLeft = "232px" },
    };
}

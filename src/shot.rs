//! How the window opens (`View`), and what the `shot` command captures:
//! the window run to a month with that view, saved as a PNG. Read from the
//! command line here, so that the model-only build (without the window)
//! parses the same flags and says that it cannot open the window.

use std::path::PathBuf;

/// How the window opens: what the map shows, the comparison, the theme,
/// the views open. The interactive window and `shot` take the same flags.
#[derive(clap::Args, Debug, Default, Clone)]
pub struct View {
    /// Colour the map by: ecology, capability, trust, basics, voice,
    /// power-dispersion, support, transition or sick.
    #[arg(long)]
    pub overlay: Option<String>,
    /// Select this region (by name) so the panel shows its figures.
    #[arg(long)]
    pub select: Option<String>,
    /// Draw a second run under this regime preset (e.g. liberal_market)
    /// beside the first, dashed on the chart.
    #[arg(long)]
    pub compare: Option<String>,
    /// The panels' theme: dark, light or high-contrast (black panels,
    /// white text); the window keeps it as its setting.
    #[arg(long)]
    pub theme: Option<String>,
    /// Open "Why did this move?" for this criterion (e.g. capability).
    #[arg(long)]
    pub why: Option<String>,
    /// Colour the map by this run minus the comparison run (with
    /// --compare, or the baseline).
    #[arg(long)]
    pub difference: bool,
    /// Open the doughnut view.
    #[arg(long)]
    pub doughnut: bool,
    /// Open the view across twenty seeds.
    #[arg(long)]
    pub fan: bool,
    /// Open the scorecard view on this stress battery's folder.
    #[arg(long)]
    pub scorecard: Option<PathBuf>,
    /// Show presenter mode.
    #[arg(long)]
    pub presenter: bool,
    /// The window's size in pixels, WIDTHxHEIGHT (default 1600x900), e.g.
    /// 1280x720 for a small projector.
    #[arg(long, value_parser = parse_size)]
    pub size: Option<(u32, u32)>,
    /// Open on the whole screen, as F11 does (for a projector).
    #[arg(long)]
    pub fullscreen: bool,
    /// Fire the scenario's prepared cue of this number (1 to 9) at the
    /// start, as its number key does: its shock starts at month 0 and its
    /// prompt is on screen.
    #[arg(long)]
    pub cue: Option<usize>,
}

/// A picture to take: months to run, where to write it, and a month to go
/// back to first, if any. (Read by the window, which a build without the
/// `gui` feature lacks.)
#[derive(Debug, Clone)]
#[cfg_attr(not(feature = "gui"), allow(dead_code))]
pub struct Picture {
    pub ticks: u32,
    pub out: PathBuf,
    pub back_to: Option<u32>,
}

/// A window size as typed: `1280x720`, each side at least 640 by 480.
fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let expected = || format!("expected WIDTHxHEIGHT, e.g. 1280x720, found `{text}`");
    let (w, h) = text.split_once(['x', 'X']).ok_or_else(expected)?;
    let (w, h): (u32, u32) = (
        w.trim().parse().map_err(|_| expected())?,
        h.trim().parse().map_err(|_| expected())?,
    );
    if w < 640 || h < 480 {
        return Err(format!(
            "a window of {w}x{h} is too small: at least 640x480"
        ));
    }
    Ok((w, h))
}

/// Run the simulator's window to a month, save a screenshot and exit.
#[derive(clap::Args, Debug)]
pub struct ShotRequest {
    /// Months to run before the picture.
    #[arg(long, default_value_t = 24)]
    pub ticks: u32,
    /// The PNG to write.
    #[arg(long)]
    pub out: PathBuf,
    /// After running, go back to this month, as the scrubber under the
    /// chart does (the run's future then shows dotted).
    #[arg(long)]
    pub back_to: Option<u32>,
    #[command(flatten)]
    pub view: View,
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_size_is_width_by_height_and_not_too_small() {
        assert_eq!(super::parse_size("1280x720"), Ok((1280, 720)));
        assert_eq!(super::parse_size("1920X1080"), Ok((1920, 1080)));
        assert!(super::parse_size("1280").is_err_and(|e| e.contains("WIDTHxHEIGHT")));
        assert!(super::parse_size("300x200").is_err_and(|e| e.contains("too small")));
    }
}

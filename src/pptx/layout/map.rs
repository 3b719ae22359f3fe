//! Coordinates and colours as the walk carries them down the frame tree.

use typst::layout::{Point, Transform};
use typst::visualize::{Color, Paint};

use super::Rgba;

/// An affine map from a group's coordinates to the page's (scale and translation; Typst's
/// slides rotate nothing).
#[derive(Debug, Clone, Copy)]
pub(super) struct Map {
    pub(super) sx: f64,
    pub(super) sy: f64,
    pub(super) tx: f64,
    pub(super) ty: f64,
}

impl Map {
    pub(super) const ID: Self = Self { sx: 1.0, sy: 1.0, tx: 0.0, ty: 0.0 };

    pub(super) fn at(self, p: Point) -> (f64, f64) {
        (self.tx + self.sx * p.x.to_pt(), self.ty + self.sy * p.y.to_pt())
    }

    pub(super) fn then(self, pos: Point, t: Transform) -> Self {
        let (tx, ty) = self.at(pos);
        Self {
            sx: self.sx * t.sx.get(),
            sy: self.sy * t.sy.get(),
            tx: tx + self.sx * t.tx.to_pt(),
            ty: ty + self.sy * t.ty.to_pt(),
        }
    }
}

/// A colour of a paint (a gradient or tiling by its first colour).
pub(super) fn rgba(paint: &Paint) -> Option<Rgba> {
    let color: Color = match paint {
        Paint::Solid(c) => c.clone(),
        Paint::Gradient(g) => g.stops_ref().first()?.0.clone(),
        Paint::Tiling(_) => return None,
    };
    Some(Rgba(color.to_vec4_u8()))
}

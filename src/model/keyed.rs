//! The words a file uses for each closed list of values (`on_track`, `whitespace`, `R`).
//!
//! YAML, the Excel reader and writer and the Excel dropdowns all take their words from the
//! one `keyed!` list of each enum, so a value cannot be spelt one way in YAML and another in
//! a workbook.

/// An enum whose values are written in files as fixed keys.
pub trait Keyed: Copy + Sized + 'static {
    /// Every value, in the order of the `keyed!` list (the enum's declaration order).
    const VARIANTS: &'static [Self];
    /// The key of each value, in the order of `VARIANTS`.
    const KEYS: &'static [&'static str];

    /// The key used in files and message catalogues.
    fn key(self) -> &'static str;

    /// The value written as `key` (exact spelling).
    fn from_key(key: &str) -> Option<Self>;
}

/// Implements `Keyed`, an inherent `const fn key` (callers need no import, and dropdown lists
/// can be built in a `const`) and serde through the keys for a fieldless enum.
///
/// List every variant in declaration order (checked when it compiles): serde's derive lists
/// the allowed values in that order when a YAML value is wrong, and these impls keep its
/// messages.
macro_rules! keyed {
    ($ty:ident { $($variant:ident => $key:literal),+ $(,)? }) => {
        impl $ty {
            /// The key used in files and message catalogues.
            pub const fn key(self) -> &'static str {
                match self {
                    $(Self::$variant => $key,)+
                }
            }
        }

        // Serde's derive would list the allowed values in declaration order; so does this list.
        const _: () = {
            let mut i = 0;
            $(
                assert!($ty::$variant as usize == i, "keyed! lists the variants out of declaration order");
                i += 1;
            )+
            let _ = i;
        };

        impl $crate::model::Keyed for $ty {
            const VARIANTS: &'static [Self] = &[$(Self::$variant),+];
            const KEYS: &'static [&'static str] = &[$($key),+];

            fn key(self) -> &'static str {
                $ty::key(self)
            }

            fn from_key(key: &str) -> Option<Self> {
                match key {
                    $($key => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }

        impl schemars::JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($ty).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "enum": [$($key),+] })
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_unit_variant(stringify!($ty), *self as u32, self.key())
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_enum(
                    stringify!($ty),
                    <Self as $crate::model::Keyed>::KEYS,
                    $crate::model::keyed::EnumVisitor::<Self>::new(stringify!($ty)),
                )
            }
        }
    };
}

pub(crate) use keyed;

/// Reads a unit variant by its key, as serde's derive does.
pub(crate) struct EnumVisitor<T> {
    /// The enum's name, for "expected enum Level".
    name: &'static str,
    keyed: std::marker::PhantomData<T>,
}

impl<T> EnumVisitor<T> {
    pub(crate) fn new(name: &'static str) -> Self {
        Self { name, keyed: std::marker::PhantomData }
    }
}

impl<'de, T: Keyed> serde::de::Visitor<'de> for EnumVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "enum {}", self.name)
    }

    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<T, A::Error> {
        use serde::de::VariantAccess;
        let (value, variant) = data.variant_seed(KeySeed(std::marker::PhantomData))?;
        variant.unit_variant()?;
        Ok(value)
    }
}

/// The variant identifier: a key, or (for non-text formats) the variant's index.
struct KeySeed<T>(std::marker::PhantomData<T>);

impl<'de, T: Keyed> serde::de::DeserializeSeed<'de> for KeySeed<T> {
    type Value = T;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<T: Keyed> serde::de::Visitor<'_> for KeySeed<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("variant identifier")
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<T, E> {
        usize::try_from(v).ok().and_then(|i| T::VARIANTS.get(i).copied()).ok_or_else(|| {
            let expected = format!("variant index 0 <= i < {}", T::VARIANTS.len());
            E::invalid_value(serde::de::Unexpected::Unsigned(v), &expected.as_str())
        })
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
        T::from_key(v).ok_or_else(|| E::unknown_variant(v, T::KEYS))
    }

    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<T, E> {
        match std::str::from_utf8(v) {
            Ok(s) => self.visit_str(s),
            Err(_) => Err(E::unknown_variant(&String::from_utf8_lossy(v), T::KEYS)),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Debug;

    use serde::Serialize;
    use serde::de::DeserializeOwned;

    use super::Keyed;
    use crate::model::{CellStatus, Level, MilestoneStatus, OnboardingStatus, Raci, Relationship, RiskRank};

    fn keys_are_serde_names<T: Keyed + Serialize + DeserializeOwned + PartialEq + Debug>() {
        assert_eq!(T::KEYS.len(), T::VARIANTS.len());
        for (v, k) in T::VARIANTS.iter().zip(T::KEYS) {
            assert_eq!(v.key(), *k);
            assert_eq!(T::from_key(k), Some(*v));
            assert_eq!(serde_json::to_value(v).unwrap(), serde_json::Value::String((*k).to_owned()));
            assert_eq!(serde_json::from_value::<T>(serde_json::Value::String((*k).to_owned())).unwrap(), *v);
        }
        assert_eq!(T::from_key("no such key"), None);
    }

    #[test]
    fn every_enum_reads_and_writes_its_keys() {
        keys_are_serde_names::<RiskRank>();
        keys_are_serde_names::<OnboardingStatus>();
        keys_are_serde_names::<Level>();
        keys_are_serde_names::<CellStatus>();
        keys_are_serde_names::<Relationship>();
        keys_are_serde_names::<MilestoneStatus>();
        keys_are_serde_names::<Raci>();
    }

    /// The enum serde's derive would give, to compare messages with.
    mod derived {
        #[derive(Debug, Clone, Copy, PartialEq, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub(super) enum Status {
            OnTrack,
            AtRisk,
        }
    }

    // The macro writes `pub` methods, meant for the model's public enums.
    #[allow(unreachable_pub)]
    mod keyed {
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub(super) enum Status {
            OnTrack,
            AtRisk,
        }

        crate::model::keyed::keyed!(Status { OnTrack => "on_track", AtRisk => "at_risk" });
    }

    #[derive(Debug, serde::Deserialize)]
    struct Derived {
        s: Option<derived::Status>,
    }

    #[derive(Debug, serde::Deserialize)]
    struct Mine {
        s: Option<keyed::Status>,
    }

    #[test]
    fn yaml_reads_and_rejects_like_the_derive() {
        for yaml in [
            "s: on_track",
            "s: at_risk",
            "s: late",
            "s: On_Track",
            "s: 3",
            "s: 1.5",
            "s: true",
            "s: ~",
            "s:",
            "s: \"at_risk\"",
            "s: [on_track]",
            "s: { on_track: 1 }",
            "s: { on_track: ~ }",
            "s: !at_risk",
            "s: !late x",
        ] {
            let want = serde_saphyr::from_str::<Derived>(yaml).map(|d| d.s.map(|s| format!("{s:?}")));
            let got = serde_saphyr::from_str::<Mine>(yaml).map(|d| d.s.map(|s| format!("{s:?}")));
            match (want, got) {
                (Ok(w), Ok(g)) => assert_eq!(w, g, "{yaml}"),
                (Err(w), Err(g)) => assert_eq!(w.to_string(), g.to_string(), "{yaml}"),
                (w, g) => panic!("{yaml}: derive {w:?}, keyed {g:?}"),
            }
        }
    }
}

//! How the few parts of the model's state that are not plain data are
//! written in a state file (`sim::world::snapshot`): an entity as its bits
//! (a state file is read back into a world spawned from the same scenario
//! and seed, which has the same entities: the reader checks that), a name
//! the model keeps as `&'static str` as its text, read back into a name
//! kept once for the program's life. (A lever is written by its name:
//! `institutions::policy::by_name`.)
//!
//! Use as `#[serde(with = "crate::sim::base::saved")]` on a field holding
//! entities or such names (one, or an option, list, pair or per-sector map
//! of them).

use std::sync::Mutex;

use bevy::prelude::Entity;
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::goods::{PerSector, SECTORS};

/// A value holding entities or static names, and the plain value it is
/// written as.
pub trait Written: Sized {
    type Plain: Serialize + DeserializeOwned;
    fn plain(&self) -> Self::Plain;
    /// `None` for bits that are no entity.
    fn from_plain(plain: Self::Plain) -> Option<Self>;
}

impl Written for Entity {
    type Plain = u64;

    fn plain(&self) -> u64 {
        self.to_bits()
    }

    fn from_plain(bits: u64) -> Option<Self> {
        Entity::try_from_bits(bits)
    }
}

impl<T: Written> Written for Option<T> {
    type Plain = Option<T::Plain>;

    fn plain(&self) -> Self::Plain {
        self.as_ref().map(Written::plain)
    }

    fn from_plain(plain: Self::Plain) -> Option<Self> {
        match plain {
            Some(p) => T::from_plain(p).map(Some),
            None => Some(None),
        }
    }
}

impl<T: Written> Written for Vec<T> {
    type Plain = Vec<T::Plain>;

    fn plain(&self) -> Self::Plain {
        self.iter().map(Written::plain).collect()
    }

    fn from_plain(plain: Self::Plain) -> Option<Self> {
        plain.into_iter().map(T::from_plain).collect()
    }
}

/// A name the model keeps for the program's life, in a field written with
/// this module. (Spelled as this alias, not `&'static str`, so that serde
/// does not take the field for text borrowed from the file.)
pub type Name = &'static str;

/// A name, kept once for the program's life however many states are read.
impl Written for &'static str {
    type Plain = String;

    fn plain(&self) -> String {
        (*self).to_string()
    }

    fn from_plain(name: String) -> Option<Self> {
        static KEPT: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
        let mut kept = KEPT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(&known) = kept.iter().find(|k| **k == name) {
            return Some(known);
        }
        let leaked: &'static str = Box::leak(name.into_boxed_str());
        kept.push(leaked);
        Some(leaked)
    }
}

/// A pair of entities or names and plain data.
impl<T: Written, U: Serialize + DeserializeOwned + Clone> Written for (T, U) {
    type Plain = (T::Plain, U);

    fn plain(&self) -> Self::Plain {
        (self.0.plain(), self.1.clone())
    }

    fn from_plain((t, u): Self::Plain) -> Option<Self> {
        T::from_plain(t).map(|t| (t, u))
    }
}

impl<T: Written> Written for PerSector<T> {
    type Plain = Vec<T::Plain>;

    fn plain(&self) -> Self::Plain {
        self.values().map(Written::plain).collect()
    }

    fn from_plain(plain: Self::Plain) -> Option<Self> {
        if plain.len() != SECTORS {
            return None;
        }
        let values: Vec<T> = plain
            .into_iter()
            .map(T::from_plain)
            .collect::<Option<_>>()?;
        let mut values = values.into_iter();
        Some(PerSector::from_fn(|_| {
            values.next().expect("one per sector")
        }))
    }
}

/// Writes a value holding entities or names as its plain value.
pub fn serialize<T: Written, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    value.plain().serialize(s)
}

/// Reads a value holding entities or names from its plain value.
pub fn deserialize<'de, T: Written, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    let plain = T::Plain::deserialize(d)?;
    T::from_plain(plain).ok_or_else(|| D::Error::custom("bits that are no entity"))
}

//! What the economy makes and what people need, by name: the sectors, the
//! goods the books track (the sectors' outputs, commons resource and
//! capital) and the basic needs (the first five sectors). Each has a map
//! holding one value per name, indexed by the name and never by a bare
//! position, so that adding a sector or a need cannot silently shift what a
//! number means (energy was once added at a position and a test read the
//! wrong good without failing).
//!
//! In data files a map is written with its names, e.g.
//! `base_price: (food: 1.0, housing: 1.5, health: 1.0, education: 0.8,
//! energy: 0.4, personal: 1.0)`; a missing or unknown name is refused.

use std::ops::{Index, IndexMut};

/// Writes a name set: the enum, its `ALL`, its count, its labels and the
/// map holding one value per name.
macro_rules! named {
    (
        $(#[$doc:meta])*
        $name:ident, $count:ident, $map:ident, $plain:ident {
            $( $(#[$vdoc:meta])* $variant:ident = $key:ident : $label:literal ),+ $(,)?
        }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name {
            $( $(#[$vdoc])* $variant ),+
        }

        /// How many there are.
        pub const $count: usize = [$($name::$variant),+].len();

        impl $name {
            /// Every one, in order.
            pub const ALL: [$name; $count] = [$($name::$variant),+];

            /// Its position in `ALL` (for output columns and colours, not for
            /// reaching into a map: index the map by the name).
            pub fn index(self) -> usize {
                self as usize
            }

            /// Its name in data files and CSV columns.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => stringify!($key)),+
                }
            }

            /// Its name for people.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label),+
                }
            }
        }

        #[doc = concat!("One value per [`", stringify!($name), "`], indexed by name.")]
        #[derive(Clone, Copy, PartialEq)]
        #[repr(transparent)]
        pub struct $map<T>([T; $count]);

        impl<T: Default> Default for $map<T> {
            fn default() -> Self {
                Self(::std::array::from_fn(|_| T::default()))
            }
        }

        /// Written as the list of its values, in order (as the state hash
        /// reads it).
        impl<T: ::std::fmt::Debug> ::std::fmt::Debug for $map<T> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_list().entries(self.0.iter()).finish()
            }
        }

        impl<T> $map<T> {
            /// The same value for every one.
            pub fn splat(value: T) -> Self
            where
                T: Copy,
            {
                Self([value; $count])
            }

            /// A value for every one, from a function of its name.
            pub fn from_fn(mut f: impl FnMut($name) -> T) -> Self {
                Self($name::ALL.map(|k| f(k)))
            }

            /// The values, in order.
            pub fn values(&self) -> impl Iterator<Item = &T> {
                self.0.iter()
            }

            /// The values, in order, to change.
            pub fn values_mut(&mut self) -> impl Iterator<Item = &mut T> {
                self.0.iter_mut()
            }

            /// Each name with its value.
            pub fn iter(&self) -> impl Iterator<Item = ($name, &T)> {
                $name::ALL.into_iter().zip(self.0.iter())
            }

            /// Each name with its value, to change.
            pub fn iter_mut(&mut self) -> impl Iterator<Item = ($name, &mut T)> {
                $name::ALL.into_iter().zip(self.0.iter_mut())
            }

            /// Groups items listed in runs of one per name, each run in
            /// `ALL` order (as the world index lists each region's
            /// enterprises), into one map per run; a short run at the end
            /// is left out. The list is taken over as it lies, without a
            /// copy, when its room holds whole runs (a phase's gather sizes
            /// it so): a copy of every enterprise's items, phase after
            /// phase, was a fiftieth of the month's work on one thread.
            pub fn group(mut items: Vec<T>) -> Vec<Self> {
                items.truncate(items.len() / $count * $count);
                if items.capacity() % $count != 0 {
                    let mut items = items.into_iter();
                    return std::iter::from_fn(|| {
                        (items.len() >= $count).then(|| Self(std::array::from_fn(|_| {
                            items.next().expect("a whole run is left")
                        })))
                    })
                    .collect();
                }
                let mut items = std::mem::ManuallyDrop::new(items);
                let (start, len, room) = (items.as_mut_ptr(), items.len(), items.capacity());
                // SAFETY: a map is an array of `$count` values laid out as
                // they are in a list (`repr(transparent)`, the alignment of
                // one value), and the length and room are whole numbers of
                // maps, so the allocation is exactly that of a list of
                // `room / $count` maps, whose first `len / $count` hold the
                // values; the old list is forgotten, never freed.
                unsafe { Vec::from_raw_parts(start.cast::<Self>(), len / $count, room / $count) }
            }

            /// A map of another value, from a function of each name and value.
            pub fn map<U>(&self, mut f: impl FnMut($name, &T) -> U) -> $map<U> {
                $map::from_fn(|k| f(k, &self[k]))
            }
        }

        /// The values, in order.
        impl<'a, T> IntoIterator for &'a $map<T> {
            type Item = &'a T;
            type IntoIter = std::slice::Iter<'a, T>;
            fn into_iter(self) -> Self::IntoIter {
                self.0.iter()
            }
        }

        /// The values, in order.
        impl<T> IntoIterator for $map<T> {
            type Item = T;
            type IntoIter = std::array::IntoIter<T, $count>;
            fn into_iter(self) -> Self::IntoIter {
                self.0.into_iter()
            }
        }

        impl $map<f64> {
            /// The values' sum.
            pub fn sum(&self) -> f64 {
                self.0.iter().sum()
            }
        }

        impl<T> ::std::ops::Index<$name> for $map<T> {
            type Output = T;
            fn index(&self, k: $name) -> &T {
                &self.0[k as usize]
            }
        }

        impl<T> ::std::ops::IndexMut<$name> for $map<T> {
            fn index_mut(&mut self, k: $name) -> &mut T {
                &mut self.0[k as usize]
            }
        }

        /// How a map is written in a data file: one field per name.
        #[derive(::serde::Deserialize, ::serde::Serialize)]
        #[serde(deny_unknown_fields)]
        #[allow(
            non_snake_case,
            reason = "the fields are the names data files write, which some lists capitalise"
        )]
        struct $plain<T> {
            $( $key: T ),+
        }

        impl<'de, T: ::serde::Deserialize<'de>> ::serde::Deserialize<'de> for $map<T> {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let p = <$plain<T> as ::serde::Deserialize>::deserialize(d)?;
                Ok(Self([$(p.$key),+]))
            }
        }

        impl<T: ::serde::Serialize + Clone> ::serde::Serialize for $map<T> {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                ::serde::Serialize::serialize(&$plain { $( $key: self[$name::$variant].clone() ),+ }, s)
            }
        }
    };
}

pub(crate) use named;

named! {
    /// The sectors, basics first.
    Sector, SECTORS, PerSector, ValuePerSector {
        Food = food: "food",
        Housing = housing: "housing",
        Health = health: "health",
        Education = education: "education",
        /// Household energy: heat, light and power.
        Energy = energy: "energy",
        Personal = personal: "personal goods",
    }
}

named! {
    /// The basic needs every regime must meet: the first five sectors'
    /// goods, in the order households buy them when money is short.
    Basic, BASICS, PerBasic, ValuePerBasicNeed {
        Food = food: "food",
        Housing = housing: "housing",
        Health = health: "health",
        Education = education: "education",
        Energy = energy: "energy",
    }
}

named! {
    /// The goods the books track: each sector's output, commons resource,
    /// and capital.
    Good, GOODS, PerGood, ValuePerGood {
        Food = food: "food",
        Housing = housing: "housing",
        Health = health: "health",
        Education = education: "education",
        Energy = energy: "energy",
        Personal = personal: "personal goods",
        /// What commons yield: fish, timber, water, soil's harvest.
        Resource = resource: "resource",
        Capital = capital: "capital",
    }
}

impl Sector {
    /// The basic need this sector meets, if any.
    pub fn basic(self) -> Option<Basic> {
        match self {
            Sector::Food => Some(Basic::Food),
            Sector::Housing => Some(Basic::Housing),
            Sector::Health => Some(Basic::Health),
            Sector::Education => Some(Basic::Education),
            Sector::Energy => Some(Basic::Energy),
            Sector::Personal => None,
        }
    }
}

impl Basic {
    /// The sector that makes it.
    pub fn sector(self) -> Sector {
        match self {
            Basic::Food => Sector::Food,
            Basic::Housing => Sector::Housing,
            Basic::Health => Sector::Health,
            Basic::Education => Sector::Education,
            Basic::Energy => Sector::Energy,
        }
    }
}

impl From<Sector> for Good {
    fn from(s: Sector) -> Good {
        match s {
            Sector::Food => Good::Food,
            Sector::Housing => Good::Housing,
            Sector::Health => Good::Health,
            Sector::Education => Good::Education,
            Sector::Energy => Good::Energy,
            Sector::Personal => Good::Personal,
        }
    }
}

impl From<Basic> for Good {
    fn from(b: Basic) -> Good {
        b.sector().into()
    }
}

impl<T> Index<Basic> for PerSector<T> {
    type Output = T;
    fn index(&self, b: Basic) -> &T {
        &self[b.sector()]
    }
}

impl<T> IndexMut<Basic> for PerSector<T> {
    fn index_mut(&mut self, b: Basic) -> &mut T {
        &mut self[b.sector()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_keeps_the_order_and_leaves_a_short_run_out() {
        let names = |n: usize| (0..n).map(|k| k.to_string());
        // Room for whole runs: the list is taken over; otherwise copied.
        for room in [3 * SECTORS, 3 * SECTORS + 1] {
            let mut items = Vec::with_capacity(room);
            items.extend(names(2 * SECTORS + 1));
            let groups = PerSector::group(items);
            assert_eq!(groups.len(), 2, "room {room}");
            let flat: Vec<String> = groups.into_iter().flatten().collect();
            assert_eq!(flat, names(2 * SECTORS).collect::<Vec<_>>(), "room {room}");
        }
    }

    #[test]
    fn basics_goods_and_sectors_name_the_same_things() {
        for b in Basic::ALL {
            assert_eq!(b.sector().basic(), Some(b));
            assert_eq!(b.key(), b.sector().key());
            assert_eq!(Good::from(b).key(), b.key());
        }
        for s in Sector::ALL {
            assert_eq!(Good::from(s).label(), s.label());
        }
        assert_eq!(Sector::Personal.basic(), None);
    }

    #[test]
    fn a_map_is_read_by_name_and_refuses_a_missing_or_unknown_one() {
        let read = |s: &str| ron::from_str::<PerBasic<f64>>(s);
        let map = read("(food: 1, housing: 2, health: 3, education: 4, energy: 5)").unwrap();
        assert_eq!(map[Basic::Energy], 5.0);
        assert_eq!(map.sum(), 15.0);
        let missing = read("(food: 1, housing: 2, health: 3, education: 4)").unwrap_err();
        assert!(missing.to_string().contains("energy"), "{missing}");
        let unknown =
            read("(food: 1, housing: 2, health: 3, education: 4, energy: 5, fun: 6)").unwrap_err();
        assert!(unknown.to_string().contains("fun"), "{unknown}");
        let back = ron::to_string(&map).unwrap();
        assert_eq!(read(&back).unwrap(), map);
    }
}

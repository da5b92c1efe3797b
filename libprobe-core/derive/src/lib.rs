//! `#[derive(Record)]` and `#[derive(RecordEnum)]` for libprobe's public types.
//!
//! A record's schema (field names, doc comments, units, types) is what every face of
//! libprobe is built from: the JSON writer, the C mirror, the Python and Node objects and
//! the Go structs all walk it, so a field added to a core struct reaches all of them
//! without a hand-written line per language.
//!
//! ```ignore
//! #[derive(Record)]
//! pub struct Limit {
//!     /// Soft limit; `u64::MAX` means unlimited.
//!     pub soft: u64,
//!     /// Hard limit; `u64::MAX` means unlimited.
//!     #[record(unit = "bytes")]
//!     pub hard: u64,
//! }
//! ```
//!
//! Attributes: `#[record(unit = "…")]` on a field names its unit; `#[record(counter)]` marks
//! a numeric field the kernel only adds to (ticks, bytes, packets, errors since boot: see
//! `libprobe::schema::Metric`), every other field being a gauge; `#[record(skip)]` leaves a
//! field out of the schema; `#[record(name = "…")]` on an enum variant overrides its
//! snake_case name.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::quote;
use syn::{Data, DeriveInput, Expr, Fields, Lit, Meta, parse_macro_input, spanned::Spanned};

#[proc_macro_derive(Record, attributes(record))]
pub fn derive_record(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    record(&input).unwrap_or_else(|e| e.to_compile_error()).into()
}

/// `#[derive(OptionSet)]`: a domain's options, with a schema every face is generated from.
///
/// Attributes on a field: `#[option(min = EXPR, max = EXPR)]` bound an integer option;
/// `#[option(unit = "…")]` names its unit; `#[option(skip)]` leaves a field out (it is not
/// an option).
#[proc_macro_derive(OptionSet, attributes(option))]
pub fn derive_option_set(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    option_set(&input).unwrap_or_else(|e| e.to_compile_error()).into()
}

#[proc_macro_derive(RecordEnum, attributes(record))]
pub fn derive_record_enum(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    record_enum(&input).unwrap_or_else(|e| e.to_compile_error()).into()
}

fn record(input: &DeriveInput) -> syn::Result<TokenStream2> {
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new(input.span(), "Record derives only on structs"));
    };
    let Fields::Named(named) = &data.fields else {
        return Err(syn::Error::new(input.span(), "Record needs named fields"));
    };
    let ident = &input.ident;
    let name = ident.to_string();
    let doc = doc_of(&input.attrs);
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();

    let mut schemas = Vec::new();
    let mut arms = Vec::new();
    let mut index = 0usize;
    for field in &named.named {
        let attrs = RecordAttrs::parse(&field.attrs)?;
        if attrs.skip {
            continue;
        }
        let fident = field.ident.as_ref().expect("named field");
        let fname = fident.to_string();
        let fname = fname.strip_prefix("r#").unwrap_or(&fname).to_owned();
        let fdoc = doc_of(&field.attrs);
        let ty = &field.ty;
        let unit = match &attrs.unit {
            Some(u) => quote!(::core::option::Option::Some(#u)),
            None => quote!(::core::option::Option::None),
        };
        let metric = if attrs.counter {
            quote!(::libprobe::schema::Metric::Counter)
        } else {
            quote!(::libprobe::schema::Metric::Gauge)
        };
        schemas.push(quote! {
            ::libprobe::schema::FieldSchema {
                name: #fname,
                doc: #fdoc,
                unit: #unit,
                metric: #metric,
                kind: &<#ty as ::libprobe::schema::FieldValue>::KIND,
            }
        });
        arms.push(quote! {
            #index => ::libprobe::schema::FieldValue::value_ref(&self.#fident),
        });
        index += 1;
    }

    Ok(quote! {
        impl #impl_generics ::libprobe::schema::RecordType for #ident #ty_generics #where_clause {
            const SCHEMA: &'static ::libprobe::schema::RecordSchema = &::libprobe::schema::RecordSchema {
                name: #name,
                doc: #doc,
                fields: &[#(#schemas),*],
            };
        }

        impl #impl_generics ::libprobe::schema::Record for #ident #ty_generics #where_clause {
            fn schema(&self) -> &'static ::libprobe::schema::RecordSchema {
                <Self as ::libprobe::schema::RecordType>::SCHEMA
            }

            fn field(&self, index: usize) -> ::libprobe::schema::ValueRef<'_> {
                match index {
                    #(#arms)*
                    _ => ::libprobe::schema::ValueRef::OutOfRange,
                }
            }
        }

        impl #impl_generics ::libprobe::schema::FieldValue for #ident #ty_generics #where_clause {
            const KIND: ::libprobe::schema::Kind =
                ::libprobe::schema::Kind::Record(<Self as ::libprobe::schema::RecordType>::SCHEMA);

            fn value_ref(&self) -> ::libprobe::schema::ValueRef<'_> {
                ::libprobe::schema::ValueRef::Record(self)
            }
        }
    })
}

fn record_enum(input: &DeriveInput) -> syn::Result<TokenStream2> {
    let Data::Enum(data) = &input.data else {
        return Err(syn::Error::new(input.span(), "RecordEnum derives only on enums"));
    };
    let ident = &input.ident;
    let name = ident.to_string();
    let doc = doc_of(&input.attrs);
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for v in &data.variants {
        if !matches!(v.fields, Fields::Unit) {
            return Err(syn::Error::new(v.span(), "RecordEnum variants carry no data"));
        }
        let attrs = RecordAttrs::parse(&v.attrs)?;
        let vident = &v.ident;
        let vname = attrs.name.unwrap_or_else(|| snake_case(&vident.to_string()));
        let vdoc = doc_of(&v.attrs);
        variants.push(quote! {
            ::libprobe::schema::EnumVariant { name: #vname, code: #ident::#vident as i64, doc: #vdoc }
        });
        arms.push(quote! {
            #ident::#vident => ::libprobe::schema::EnumValue { code: #ident::#vident as i64, name: #vname },
        });
    }
    Ok(quote! {
        impl ::libprobe::schema::EnumType for #ident {
            const SCHEMA: &'static ::libprobe::schema::EnumSchema = &::libprobe::schema::EnumSchema {
                name: #name,
                doc: #doc,
                variants: &[#(#variants),*],
            };

            fn enum_value(&self) -> ::libprobe::schema::EnumValue {
                match self {
                    #(#arms)*
                }
            }
        }

        impl ::libprobe::schema::FieldValue for #ident {
            const KIND: ::libprobe::schema::Kind =
                ::libprobe::schema::Kind::Enum(<Self as ::libprobe::schema::EnumType>::SCHEMA);

            fn value_ref(&self) -> ::libprobe::schema::ValueRef<'_> {
                ::libprobe::schema::ValueRef::Enum(::libprobe::schema::EnumType::enum_value(self))
            }
        }
    })
}

fn option_set(input: &DeriveInput) -> syn::Result<TokenStream2> {
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new(input.span(), "OptionSet derives only on structs"));
    };
    let Fields::Named(named) = &data.fields else {
        return Err(syn::Error::new(input.span(), "OptionSet needs named fields"));
    };
    let ident = &input.ident;
    let opt = quote!(::libprobe::options);
    let mut schemas = Vec::new();
    let mut sets = Vec::new();
    let mut gets = Vec::new();
    for field in &named.named {
        let attrs = OptionAttrs::parse(&field.attrs)?;
        if attrs.skip {
            continue;
        }
        let fident = field.ident.as_ref().expect("named field");
        let fname = fident.to_string();
        let fname = fname.strip_prefix("r#").unwrap_or(&fname).to_owned();
        let fdoc = doc_of(&field.attrs);
        let ty = &field.ty;
        let some = |e: &Option<Expr>| match e {
            Some(e) => quote!(::core::option::Option::Some((#e) as u64)),
            None => quote!(::core::option::Option::None),
        };
        let (min, max) = (some(&attrs.min), some(&attrs.max));
        let unit = match &attrs.unit {
            Some(u) => quote!(::core::option::Option::Some(#u)),
            None => quote!(::core::option::Option::None),
        };
        let index = schemas.len();
        schemas.push(quote! {
            #opt::OptionSchema {
                name: #fname,
                doc: #fdoc,
                unit: #unit,
                kind: #opt::bounded(<#ty as #opt::OptionField>::KIND, #min, #max),
            }
        });
        sets.push(quote! {
            #fname => {
                value.check(<Self as #opt::OptionSet>::OPTIONS[#index].kind).map_err(#opt::OptionSetError::Invalid)?;
                self.#fident = <#ty as #opt::OptionField>::from_value(value).map_err(#opt::OptionSetError::Invalid)?;
                ::core::result::Result::Ok(())
            }
        });
        gets.push(quote! {
            #fname => ::core::option::Option::Some(#opt::OptionField::to_value(&self.#fident)),
        });
    }
    Ok(quote! {
        impl #opt::OptionSet for #ident {
            const OPTIONS: &'static [#opt::OptionSchema] = &[#(#schemas),*];

            #[allow(unreachable_code, unused_variables)]
            fn set_value(&mut self, name: &str, value: #opt::OptionValue)
                -> ::core::result::Result<(), #opt::OptionSetError> {
                match name {
                    #(#sets)*
                    _ => ::core::result::Result::Err(#opt::OptionSetError::Unknown),
                }
            }

            #[allow(unused_variables)]
            fn value(&self, name: &str) -> ::core::option::Option<#opt::OptionValue> {
                match name {
                    #(#gets)*
                    _ => ::core::option::Option::None,
                }
            }
        }
    })
}

#[derive(Default)]
struct OptionAttrs {
    min: Option<Expr>,
    max: Option<Expr>,
    unit: Option<String>,
    skip: bool,
}

impl OptionAttrs {
    fn parse(attrs: &[syn::Attribute]) -> syn::Result<Self> {
        let mut out = OptionAttrs::default();
        for attr in attrs.iter().filter(|a| a.path().is_ident("option")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("skip") {
                    out.skip = true;
                } else if meta.path.is_ident("min") {
                    out.min = Some(meta.value()?.parse()?);
                } else if meta.path.is_ident("max") {
                    out.max = Some(meta.value()?.parse()?);
                } else if meta.path.is_ident("unit") {
                    out.unit = Some(meta.value()?.parse::<syn::LitStr>()?.value());
                } else {
                    return Err(meta.error("expected `min = …`, `max = …`, `unit = \"…\"` or `skip`"));
                }
                Ok(())
            })?;
        }
        Ok(out)
    }
}

#[derive(Default)]
struct RecordAttrs {
    unit: Option<String>,
    name: Option<String>,
    skip: bool,
    counter: bool,
}

impl RecordAttrs {
    fn parse(attrs: &[syn::Attribute]) -> syn::Result<Self> {
        let mut out = RecordAttrs::default();
        for attr in attrs.iter().filter(|a| a.path().is_ident("record")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("skip") {
                    out.skip = true;
                    Ok(())
                } else if meta.path.is_ident("counter") {
                    out.counter = true;
                    Ok(())
                } else if meta.path.is_ident("unit") {
                    out.unit = Some(meta.value()?.parse::<syn::LitStr>()?.value());
                    Ok(())
                } else if meta.path.is_ident("name") {
                    out.name = Some(meta.value()?.parse::<syn::LitStr>()?.value());
                    Ok(())
                } else {
                    Err(meta.error("expected `unit = \"…\"`, `counter`, `name = \"…\"` or `skip`"))
                }
            })?;
        }
        Ok(out)
    }
}

/// The doc comment of an item, lines joined with `\n`, leading space trimmed.
fn doc_of(attrs: &[syn::Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs {
        if let Meta::NameValue(nv) = &attr.meta
            && nv.path.is_ident("doc")
            && let Expr::Lit(lit) = &nv.value
            && let Lit::Str(s) = &lit.lit
        {
            let v = s.value();
            lines.push(v.strip_prefix(' ').unwrap_or(&v).to_owned());
        }
    }
    lines.join("\n").trim().to_owned()
}

/// `SynSent` → `syn_sent`, `IPv6` → `ipv6`.
fn snake_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev_lower = i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let prev_upper = i > 0 && chars[i - 1].is_uppercase();
            if i > 0 && (prev_lower || (prev_upper && next_lower)) {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

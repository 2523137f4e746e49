//! Liquid filters, as far as they change what a value ranges over
//! (`where`, `sort`, `map`, `first`, `concat`, `default`…).

use super::*;

impl<'m, 'a, 't> Evaluator<'m, 'a, 't>
where
    'a: 't,
{
    pub(super) fn filter(
        &mut self,
        shape: Shape<'a>,
        filter: &Filter<'a>,
        args: &[Shape<'a>],
    ) -> Shape<'a> {
        let property = args.first().and_then(Shape::literals);
        let property = property.as_deref().and_then(|p| p.first().copied());
        let list = |shape: Shape<'a>| Shape {
            open: shape.open,
            nodes: if shape.nodes.is_empty() {
                Vec::new()
            } else {
                vec![Node::List(Rc::new(shape.nodes))]
            },
        };
        match filter.name {
            "where" => {
                let values = self.members(&shape, false);
                let wanted = args.get(1).and_then(Shape::literals);
                let Some(property) = property else {
                    return list(values);
                };
                self.field(&values, property, true);
                let kept = values
                    .nodes
                    .iter()
                    .filter(|node| {
                        let segment = Segment::Field(property, 0..0);
                        match (&wanted, self.value_at(node, std::slice::from_ref(&segment))) {
                            (Some(wanted), Some(value)) => {
                                value.as_str().is_some_and(|v| wanted.contains(&v))
                            }
                            _ => true,
                        }
                    })
                    .cloned()
                    .collect();
                list(Shape {
                    nodes: kept,
                    open: values.open,
                })
            }
            "sort" | "sort_natural" | "where_exp" | "reverse" | "uniq" | "compact" | "shuffle"
            | "sample" => {
                let values = self.members(
                    &shape,
                    filter.name.starts_with("sort") && property.is_none(),
                );
                if let Some(property) = property.filter(|_| filter.name.starts_with("sort")) {
                    self.field(&values, property, true);
                }
                list(values)
            }
            "first" | "last" => self.members(&shape, false),
            "map" => {
                let values = self.members(&shape, false);
                match property {
                    Some(property) => list(self.field(&values, property, true).shape),
                    None => Shape::open(),
                }
            }
            "default" => {
                let mut shape = shape;
                if let Some(arg) = args.first() {
                    shape.merge(arg);
                }
                shape
            }
            "concat" | "push" => {
                let mut values = self.members(&shape, false);
                if let Some(arg) = args.first() {
                    let more = if filter.name == "concat" {
                        self.members(arg, false)
                    } else {
                        arg.clone()
                    };
                    values.merge(&more);
                }
                list(values)
            }
            "jsonify" | "inspect" => {
                self.mark_whole(&shape);
                Shape::open()
            }
            _ => Shape::open(),
        }
    }

    /// Records that every field under the nodes is read (printed whole, turned
    /// into JSON, or read by a key only known at build time).
    pub(super) fn mark_whole(&mut self, shape: &Shape<'a>) {
        for node in &shape.nodes {
            self.marks.whole(self.model, node);
        }
    }
}
